import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IfPresent, IsTimestamp, Trim } from '../../common/http/dto-helpers';
import { PageQuery } from '../../common/pagination/pagination';
import { REMINDER_KINDS, REMINDER_STATUSES, type ReminderKind, type ReminderStatus } from '../reminder.entity';

export class CreateReminderDto {
  @ApiProperty({ example: 'Check whether the UN trust fund has paid Kenya back' })
  @Trim()
  @IsString()
  @Length(1, 2000)
  message: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When, in the future (exactly one of `at` and `in`)' })
  @IsOptional()
  @IsTimestamp()
  at?: string;

  @ApiPropertyOptional({ example: 'P30D', description: 'In how long, as an ISO 8601 duration (exactly one of `at` and `in`)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  in?: string;

  @ApiPropertyOptional({ example: 'P7D', description: 'Repeat at this interval (ISO 8601 duration, at least PT1S)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  every?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Last possible occurrence of a recurring reminder' })
  @IsOptional()
  @IsTimestamp()
  until?: string;
}

/** Reschedule: `every` and `until` may be null to make the reminder one-off again. */
export class UpdateReminderDto {
  @ApiPropertyOptional()
  @IfPresent()
  @Trim()
  @IsString()
  @Length(1, 2000)
  message?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The next occurrence, in the future' })
  @IfPresent()
  @IsTimestamp()
  at?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  every?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsTimestamp()
  until?: string | null;
}

export class ReminderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REMINDER_STATUSES })
  @IsOptional()
  @IsIn(REMINDER_STATUSES)
  status?: ReminderStatus;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsTimestamp()
  dueBefore?: string;
}

export class ReminderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date-time', description: 'The next occurrence (the last one once done)' }) dueAt: string;
  @ApiProperty({ type: String, nullable: true }) every: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) until: string | null;
  @ApiProperty({ enum: REMINDER_STATUSES }) status: ReminderStatus;
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty() firedCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFiredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
