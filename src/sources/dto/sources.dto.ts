import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import type { Signal, SuggestionKind } from '../suggestions/suggest';
import { IsTimestamp, Trim } from '../../common/http/dto-helpers';

export class CreateSourceDto {
  @ApiProperty({ example: "PS Sing'Oei on the Haiti mission" })
  @Trim()
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ example: 'https://news.example.org/haiti-mission' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ example: 'Daily Example' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  publisher?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsTimestamp()
  publishedAt?: string;

  @ApiPropertyOptional({ description: 'The full text, from which claims are suggested (up to the 1 MB body limit)' })
  @IsOptional()
  @IsString()
  text?: string;
}

export class SourceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) publisher: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SuggestedClaimantView {
  @ApiProperty() name: string;
  @ApiPropertyOptional() affiliation?: string;
}

export class SuggestionView {
  @ApiProperty({ description: 'The claim to propose: the sentence without quote marks or attribution' }) text: string;
  @ApiProperty({ description: 'The sentence as it appears in the source' }) sentence: string;
  @ApiPropertyOptional({ type: SuggestedClaimantView }) claimant?: { name: string; affiliation?: string };
  @ApiProperty({ enum: ['statement', 'promise', 'opinion'] }) kind: SuggestionKind;
  @ApiProperty({ minimum: 0, maximum: 1 }) checkworthiness: number;
  @ApiProperty({ enum: ['number', 'money', 'attribution', 'future', 'comparison', 'hedge', 'opinion'], isArray: true }) signals: Signal[];
  @ApiPropertyOptional({ format: 'date-time', description: 'For promises with a time expression' }) suggestedFollowUpAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A claim of this source already quotes this sentence' }) claimId?: string;
}
