import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { Trim } from '../../common/http/dto-helpers';
import { UserRefView } from '../../claims/dto/claim.view';
import { EVIDENCE_STANCES, type EvidenceStance } from '../../claims/vocabulary';

export class CreateEvidenceDto {
  @ApiProperty({ example: 'National Treasury supplementary estimates, table 4: Ksh 2.06 billion for the Haiti deployment' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  description: string;

  @ApiPropertyOptional({ example: 'https://treasury.example.go.ke/estimates-2025.pdf' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url?: string;

  @ApiProperty({ enum: EVIDENCE_STANCES })
  @IsIn(EVIDENCE_STANCES)
  stance: EvidenceStance;
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ enum: EVIDENCE_STANCES }) stance: EvidenceStance;
  @ApiProperty({ type: UserRefView, nullable: true }) addedBy: UserRefView | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
