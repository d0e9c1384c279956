import { ApiToken } from '../accounts/api-token.entity';
import { User } from '../accounts/user.entity';
import { Workspace } from '../accounts/workspace.entity';
import { InstanceKey } from '../common/crypto/instance-key.entity';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity';
import { Claim } from '../claims/claim.entity';
import { ClaimEvent } from '../claims/history/claim-event.entity';
import { Evidence } from '../evidence/evidence.entity';
import { Source } from '../sources/source.entity';

/** Every mapped table; the schema itself is owned by migrations/. */
export const ENTITIES = [Workspace, User, ApiToken, IdempotencyKey, InstanceKey, Source, Claim, ClaimEvent, Evidence];
