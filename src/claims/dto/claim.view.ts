import { ApiProperty } from '@nestjs/swagger';
import { CLAIM_KINDS, PRIORITIES, STATUSES, type ClaimKind, type ClaimStatus, type Priority } from '../vocabulary';

export class ClaimantView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) affiliation: string | null;
}

export class UserRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class VerdictView {
  @ApiProperty() rating: string;
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'uuid', description: 'The user who proposed it' }) proposedBy: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
}

export class SimilarClaimView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: STATUSES }) status: ClaimStatus;
  @ApiProperty({ type: VerdictView, nullable: true }) verdict: VerdictView | null;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
}

/** A claim as webhooks carry it; ClaimView adds what depends on who reads it. */
export class ClaimData {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: CLAIM_KINDS }) kind: ClaimKind;
  @ApiProperty({ type: ClaimantView }) claimant: ClaimantView;
  @ApiProperty({ type: String, nullable: true }) quote: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sourceId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) claimedAt: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({ enum: STATUSES }) status: ClaimStatus;
  @ApiProperty({ type: UserRefView, nullable: true }) assignee: UserRefView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) followUpAt: string | null;
  @ApiProperty({ type: VerdictView, nullable: true }) verdict: VerdictView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewUrl: string | null;
  @ApiProperty({ description: 'Also the ETag: send it back in If-Match' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ClaimView extends ClaimData {
  @ApiProperty({ description: 'Whether you follow the claim (PUT/DELETE /v1/claims/{id}/following)' }) following: boolean;
}

export class CreatedClaimView extends ClaimView {
  @ApiProperty({ type: [SimilarClaimView], description: 'Up to five claims of the workspace that say nearly the same thing' })
  similar: SimilarClaimView[];
}
