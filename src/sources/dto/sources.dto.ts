import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { ISO_TIMESTAMP, Trim } from '../../common/http/dto-helpers';

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
  @Matches(ISO_TIMESTAMP, { message: 'must be an ISO 8601 timestamp with a time zone' })
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
