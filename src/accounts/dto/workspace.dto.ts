import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsString, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IfPresent, Trim } from '../../common/http/dto-helpers';
import { IsIanaTimeZone, IsIsoDuration, SpellTimeZone } from '../../common/time/validators';
import { SLUG_PATTERN } from '../slug';

export const DIGEST_AT_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export class TrackerSettingsView {
  @ApiProperty({ description: 'The public tracker at PUBLIC_URL/t/<slug> is on' }) enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The tracker's title; null: the workspace's name" }) title: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A paragraph under the title' }) intro: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'How the desk rates (the methodology page); null: the default text' })
  methodology: string | null;
}

export class WorkspaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'nairobi-fact-desk', pattern: SLUG_PATTERN.source }) slug: string;
  @ApiProperty({ example: 'Africa/Nairobi', description: 'IANA time zone' }) timezone: string;
  @ApiProperty({ example: '08:00', description: 'Local time of the daily digest (HH:MM)' }) digestAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'P1D', description: 'ISO 8601 duration after a missed date before editors hear of it; null: never' })
  escalateAfter: string | null;
  @ApiProperty({ type: TrackerSettingsView }) tracker: TrackerSettingsView;
}

export class UpdateTrackerSettingsDto {
  @ApiPropertyOptional()
  @IfPresent()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(5000)
  intro?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(20_000)
  methodology?: string | null;
}

export class UpdateWorkspaceDto {
  @ApiPropertyOptional({ example: 'Nairobi Fact Desk' })
  @IfPresent()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'nairobi-fact-desk', pattern: SLUG_PATTERN.source })
  @IfPresent()
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'must be 3 to 40 lower case letters, digits or -' })
  slug?: string;

  @ApiPropertyOptional({ example: 'Africa/Nairobi' })
  @IfPresent()
  @SpellTimeZone()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: '07:30' })
  @IfPresent()
  @IsString()
  @Matches(DIGEST_AT_PATTERN, { message: 'must be a time of day, HH:MM (00:00 to 23:59)' })
  digestAt?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'P2D' })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsIsoDuration()
  escalateAfter?: string | null;

  @ApiPropertyOptional({ type: UpdateTrackerSettingsDto })
  @IfPresent()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateTrackerSettingsDto)
  tracker?: UpdateTrackerSettingsDto;
}
