import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import type { SuggestionView } from './dto/sources.dto';
import { SourcesService } from './sources.service';
import { suggestClaimsAsync } from './suggestions/suggest';

/** Quotes, spacing and case do not make two sentences different. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"‘’'«»]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:!?]+$/, '')
    .trim();
}

/**
 * Candidate claims in a source's text, best first, each marked with the claim already made
 * from it. The engine runs in slices that hand the event loop back (suggestions/suggest.ts),
 * so a 1 MB transcript does not stall other requests.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: SourcesService,
  ) {}

  async suggest(actor: Actor, sourceId: string): Promise<SuggestionView[]> {
    const source = await this.sources.get(actor, sourceId);
    if (!source.text?.trim()) return [];
    const [suggestions, claims] = await Promise.all([
      suggestClaimsAsync(source.text, { referenceDate: source.publishedAt ?? new Date() }),
      this.dataSource.query<Array<{ id: string; text: string; quote: string | null }>>(
        `SELECT id, text, quote FROM claims WHERE source_id = $1 AND workspace_id = $2 ORDER BY created_at`,
        [sourceId, actor.workspaceId],
      ),
    ]);
    const byWords = new Map<string, string>();
    for (const claim of claims) {
      if (claim.quote) byWords.set(normalise(claim.quote), claim.id);
      byWords.set(normalise(claim.text), claim.id);
    }
    return suggestions.map((s) => {
      const claimId = byWords.get(normalise(s.sentence)) ?? byWords.get(normalise(s.text));
      return claimId ? { ...s, claimId } : s;
    });
  }
}
