import { ACCOUNTS_ENTITIES } from './accounts/accounts.module';
import { CALENDARS_ENTITIES } from './calendars/calendars.module';
import { DIGESTS_ENTITIES } from './digests/digests.module';
import { CLAIMS_ENTITIES } from './claims/claims.module';
import { COMMENTS_ENTITIES } from './comments/comments.module';
import { COMMON_ENTITIES } from './common/common.module';
import { EVENTS_ENTITIES } from './events/events.module';
import { EVIDENCE_ENTITIES } from './evidence/evidence.module';
import { NOTIFICATIONS_ENTITIES } from './notifications/notifications.module';
import { PEOPLE_ENTITIES } from './people/people.module';
import { REMINDERS_ENTITIES } from './reminders/reminders.module';
import { SOURCES_ENTITIES } from './sources/sources.module';
import { TRACKER_ENTITIES } from './tracker/tracker.module';

/**
 * Every mapped table, as each domain module declares its own. Every process maps them all (a
 * worker reads claims as the API does); the schema itself is owned by migrations/.
 */
export const ENTITIES = [
  ...COMMON_ENTITIES,
  ...ACCOUNTS_ENTITIES,
  ...PEOPLE_ENTITIES,
  ...SOURCES_ENTITIES,
  ...CLAIMS_ENTITIES,
  ...EVIDENCE_ENTITIES,
  ...COMMENTS_ENTITIES,
  ...EVENTS_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...REMINDERS_ENTITIES,
  ...CALENDARS_ENTITIES,
  ...DIGESTS_ENTITIES,
  ...TRACKER_ENTITIES,
];
