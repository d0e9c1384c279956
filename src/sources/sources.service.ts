import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { iso, toDate } from '../common/http/dto-helpers';
import { createdKey, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import type { CreateSourceDto, SourceView } from './dto/sources.dto';
import { Source } from './source.entity';

const SOURCE_PAGES = createdKey('sources');

export function sourceView(source: Source): SourceView {
  return {
    id: source.id,
    title: source.title,
    url: source.url,
    publisher: source.publisher,
    publishedAt: iso(source.publishedAt),
    text: source.text,
    createdAt: source.createdAt.toISOString(),
  };
}

@Injectable()
export class SourcesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: Actor, dto: CreateSourceDto): Promise<Source> {
    const repository = this.dataSource.getRepository(Source);
    return repository.save(
      repository.create({
        workspaceId: actor.workspaceId,
        title: dto.title,
        url: dto.url ?? null,
        publisher: dto.publisher ?? null,
        publishedAt: toDate(dto.publishedAt),
        text: dto.text ?? null,
        createdBy: actor.userId,
      }),
    );
  }

  async get(actor: Actor, id: string): Promise<Source> {
    const source = await this.dataSource.getRepository(Source).findOneBy({ id, workspaceId: actor.workspaceId });
    if (!source) throw AppError.notFound('Source');
    return source;
  }

  /** Newest first. */
  async list(actor: Actor, limit: number, cursor?: string): Promise<Page<SourceView>> {
    const query = this.dataSource.getRepository(Source).createQueryBuilder('s').where('s.workspace_id = :ws', { ws: actor.workspaceId });
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, SOURCE_PAGES);
      query.andWhere('(s.created_at, s.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, SOURCE_PAGES, (s) => [s.createdAt.toISOString(), s.id], sourceView);
  }
}
