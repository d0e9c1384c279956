import type { ReminderView } from './dto/reminder.dto';
import type { ReminderKind, ReminderStatus } from './reminder.entity';

export interface ReminderRow {
  id: string;
  workspace_id: string;
  claim_id: string;
  kind: ReminderKind;
  message: string;
  due_at: Date;
  every: string | null;
  until: Date | null;
  status: ReminderStatus;
  fired_count: number;
  last_fired_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const REMINDER_COLUMNS = 'id, workspace_id, claim_id, kind, message, due_at, every, until, status, fired_count, last_fired_at, created_at, updated_at';

export function reminderView(row: ReminderRow): ReminderView {
  return {
    id: row.id,
    claimId: row.claim_id,
    message: row.message,
    dueAt: row.due_at.toISOString(),
    every: row.every,
    until: row.until?.toISOString() ?? null,
    status: row.status,
    kind: row.kind,
    firedCount: row.fired_count,
    lastFiredAt: row.last_fired_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
