import type { Database, Tx } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';

export type AuditEvent =
  | 'sign_in_ok'
  | 'sign_in_failed'
  | 'sign_in_rate_limited'
  | 'registration_rate_limited'
  | 'password_reset_rate_limited'
  | 'contact_change_rate_limited'
  | 'signed_out'
  | 'registration_started'
  | 'registration_refused'
  | 'registered'
  | 'password_reset_requested'
  | 'password_reset_done'
  | 'password_changed'
  | 'contact_change_requested'
  | 'contact_changed'
  | 'session_revoked'
  | 'card_added'
  | 'card_removed';

/**
 * Security events for later investigation. `detail` must never hold a password, code, token
 * or full NIK: callers pass masked values only.
 */
export async function audit(db: Database | Tx, event: AuditEvent, input: { accountId?: number | null; ip: string; detail?: Record<string, unknown>; now: Date }): Promise<void> {
  await db.insert(auditLog).values({ event, accountId: input.accountId ?? null, ip: input.ip, detail: input.detail ?? null, at: input.now });
}
