import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { CLAIM_COLUMNS, CLAIM_FROM, toClaimRecord, type ClaimRow } from '../claims/claim.record';
import { ClaimsService } from '../claims/claims.service';
import { AppError } from '../common/http/app-error';
import { toClaimReview, type ClaimReview } from './claimreview';

export interface DataFeed {
  '@context': 'https://schema.org';
  '@type': 'DataFeed';
  name: string;
  dateModified: string | null;
  dataFeedElement: ClaimReview[];
}

/** ClaimReview JSON-LD of published claims, one or as the workspace's DataFeed. */
@Injectable()
export class PublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimsService,
  ) {}

  async claimReview(actor: Actor, claimId: string): Promise<ClaimReview> {
    const claim = await this.claims.get(actor, claimId);
    if (claim.status !== 'published') throw AppError.conflict(`The claim is ${claim.status}, not published: it has no ClaimReview yet`);
    const [source]: Array<{ url: string | null }> = claim.sourceId
      ? await this.dataSource.query(`SELECT url FROM sources WHERE id = $1`, [claim.sourceId])
      : [];
    return { '@context': 'https://schema.org', ...toClaimReview(claim, { workspaceName: actor.workspaceName, sourceUrl: source?.url ?? null }) };
  }

  /** Every published claim of the workspace, most recently published first. */
  async dataFeed(actor: Actor): Promise<DataFeed> {
    const rows: Array<ClaimRow & { source_url: string | null }> = await this.dataSource.query(
      `SELECT ${CLAIM_COLUMNS}, s.url AS source_url FROM ${CLAIM_FROM} LEFT JOIN sources s ON s.id = c.source_id
        WHERE c.workspace_id = $1 AND c.status = 'published' ORDER BY c.published_at DESC, c.id`,
      [actor.workspaceId],
    );
    const reviews = rows.map((row) => toClaimReview(toClaimRecord(row), { workspaceName: actor.workspaceName, sourceUrl: row.source_url }));
    return {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      name: `${actor.workspaceName}: published fact-checks`,
      dateModified: reviews[0]?.datePublished ?? null,
      dataFeedElement: reviews,
    };
  }
}
