import { ApiToken } from '../accounts/api-token.entity';
import { User } from '../accounts/user.entity';
import { Workspace } from '../accounts/workspace.entity';
import { InstanceKey } from '../common/crypto/instance-key.entity';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity';
import { Source } from '../sources/source.entity';

/** Every mapped table; the schema itself is owned by migrations/. */
export const ENTITIES = [Workspace, User, ApiToken, IdempotencyKey, InstanceKey, Source];
