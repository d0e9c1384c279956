import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsTimestamp } from '../../common/http/dto-helpers';
import { PageQuery } from '../../common/pagination/pagination';
import { CLAIM_KINDS, STATUSES, type ClaimKind, type ClaimStatus } from '../vocabulary';

export const CLAIM_SORTS = ['updatedAt', '-updatedAt', 'dueAt', '-priority'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

const UUID_OR_ME = /^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export class ClaimListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ClaimStatus;

  @ApiPropertyOptional({ enum: CLAIM_KINDS })
  @IsOptional()
  @IsIn(CLAIM_KINDS)
  kind?: ClaimKind;

  @ApiPropertyOptional({ description: '`me` or a user id' })
  @IsOptional()
  @Matches(UUID_OR_ME, { message: 'must be me or a user id' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Claims carrying this tag' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  tag?: string;

  @ApiPropertyOptional({ description: "Case-insensitive substring of the claimant's name" })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  claimant?: string;

  @ApiPropertyOptional({ description: 'Full-text search over text, quote and claimant (English stemming: reimburse finds reimbursed)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Claims due before this instant' })
  @IsOptional()
  @IsTimestamp()
  dueBefore?: string;

  @ApiPropertyOptional({ enum: CLAIM_SORTS, default: '-updatedAt' })
  @IsOptional()
  @IsIn(CLAIM_SORTS)
  sort: ClaimSort = '-updatedAt';
}

/** GET /v1/claims/similar: a claim's text before it is tracked (the desk asks while one is typed). */
export class SimilarTextQuery {
  @ApiProperty({
    description: 'The text of a claim not tracked yet, as POST /v1/claims would take it',
    example: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
  })
  @IsString()
  @Length(1, 5000)
  text: string;
}
