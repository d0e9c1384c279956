import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IfPresent, IsTimestamp, Trim } from '../../common/http/dto-helpers';
import { CLAIM_KINDS, PRIORITIES, STATUSES, type ClaimKind, type ClaimStatus, type Priority } from '../vocabulary';

export class ClaimantDto {
  @ApiProperty({ example: "Korir Sing'Oei" })
  @Trim()
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ example: 'Principal Secretary, Foreign Affairs' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 300)
  affiliation?: string;
}

export class CreateClaimDto {
  @ApiProperty({ example: 'Kenya has spent Ksh 2.1 billion on the Haiti mission' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  text: string;

  @ApiProperty({ enum: CLAIM_KINDS })
  @IsIn(CLAIM_KINDS)
  kind: ClaimKind;

  @ApiProperty({ type: ClaimantDto })
  @IsObject({ message: 'must be an object: { name, affiliation? }' })
  @ValidateNested()
  @Type(() => ClaimantDto)
  claimant: ClaimantDto;

  @ApiPropertyOptional({ description: 'The words as spoken or written' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  quote?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the claimant made the claim' })
  @IsOptional()
  @IsTimestamp()
  claimedAt?: string;

  @ApiPropertyOptional({ type: [String], example: ['haiti', 'budget'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ format: 'uuid', description: 'An active user of the workspace' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Deadline; a deadline reminder fires at it' })
  @IsOptional()
  @IsTimestamp()
  dueAt?: string;
}

/** PATCH: every field optional; `quote`, `assigneeId` and `dueAt` may be null to clear them. */
export class UpdateClaimDto {
  @ApiPropertyOptional()
  @IfPresent()
  @Trim()
  @IsString()
  @Length(1, 5000)
  text?: string;

  @ApiPropertyOptional({ type: ClaimantDto })
  @IfPresent()
  @IsObject({ message: 'must be an object: { name, affiliation? }' })
  @ValidateNested()
  @Type(() => ClaimantDto)
  claimant?: ClaimantDto;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  quote?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IfPresent()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsTimestamp()
  dueAt?: string | null;
}

export class VerdictDto {
  @ApiProperty({ description: "A rating valid for the claim's kind", example: 'mostly_true' })
  @IsString()
  @Length(1, 50)
  rating: string;

  @ApiProperty({ example: 'Treasury figures show Ksh 2.06 billion disbursed by September.' })
  @IsString()
  @Length(1, 5000)
  summary: string;
}

export class TransitionDto {
  @ApiProperty({ enum: STATUSES })
  @IsIn(STATUSES)
  to: ClaimStatus;

  @ApiPropertyOptional({ description: 'Why; required to reject, send back or reopen' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;

  @ApiPropertyOptional({ type: VerdictDto, description: 'Required to go to in_review' })
  @IsOptional()
  @IsObject({ message: 'must be an object: { rating, summary }' })
  @ValidateNested()
  @Type(() => VerdictDto)
  verdict?: VerdictDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'Required to go to monitoring: when to follow up' })
  @IsOptional()
  @IsTimestamp()
  followUpAt?: string;

  @ApiPropertyOptional({ description: "On publishing: where the desk's fact-check article lives" })
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/\S+$/i, { message: 'must be an http(s) URL' })
  @MaxLength(2048)
  reviewUrl?: string;
}
