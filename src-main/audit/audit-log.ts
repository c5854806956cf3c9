import type { AuditEntry } from '../contract';
import type { Db } from '../store/database';
import { preparedOnce } from '../store/statement-cache';

export interface AuditEvent {
  at: string;
  userId: number | null;
  recordId: number | null;
  /** A stable verb such as `record.created`, `record.field_changed`, `record.cpr_revealed`. */
  action: string;
  /** Must never hold a full CPR number: callers mask before writing. */
  details: Record<string, unknown>;
}

/** Append-only trail of who did what to which record. Written inside the caller's transaction. */
export function writeAudit(db: Db, e: AuditEvent): void {
  preparedOnce(db, 'INSERT INTO audit_log (at, user_id, record_id, action, details) VALUES (?, ?, ?, ?, ?)').run(
    e.at,
    e.userId,
    e.recordId,
    e.action,
    JSON.stringify(e.details),
  );
}

export function auditForRecord(db: Db, recordId: number, limit = 500): AuditEntry[] {
  const rows = db
    .prepare('SELECT id, at, user_id, action, details FROM audit_log WHERE record_id = ? ORDER BY id DESC LIMIT ?')
    .all(recordId, limit) as { id: number; at: string; user_id: number | null; action: string; details: string }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
