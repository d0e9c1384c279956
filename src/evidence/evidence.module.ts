import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { Evidence } from './evidence.entity';

export const EVIDENCE_ENTITIES = [Evidence];

@Module({ imports: [ClaimsModule], controllers: [EvidenceController], providers: [EvidenceService] })
export class EvidenceModule {}
