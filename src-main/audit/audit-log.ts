import type { AuditEntry } from '../contract';
import { hasCprs, maskCprsInText } from '../cpr/cpr-text';
import type { Db } from '../store/database';
import { preparedOnce } from '../store/statement-cache';
import type { AuditHasher } from './audit-key';

export interface AuditEvent {
  at: string;
  userId: number | null;
  recordId: number | null;
  /** A stable verb such as `record.created`, `record.field_changed`, `record.cpr_revealed`. */
  action: string;
  /**
   * Never stored with a full CPR number: every string in it that holds a
   * CPR-shaped number is masked on the way in, and a property's value also gets a
   * keyed hash beside it (`to` → `toHash`) when the store has a hasher.
   */
  details: Record<string, unknown>;
}

const hashers = new WeakMap<Db, AuditHasher>();

/** The keyed hash for this store's audit entries (openApp sets it; see audit-key.ts). */
export function useAuditHasher(db: Db, hasher: AuditHasher): void {
  hashers.set(db, hasher);
}

/** Append-only trail of who did what to which record. Written inside the caller's transaction. */
export function writeAudit(db: Db, e: AuditEvent): void {
  preparedOnce(db, 'INSERT INTO audit_log (at, user_id, record_id, action, details) VALUES (?, ?, ?, ?, ?)').run(
    e.at,
    e.userId,
    e.recordId,
    e.action,
    JSON.stringify(protect(e.details, hashers.get(db))),
  );
}

/** A copy with CPR-shaped numbers masked, and hashed beside where a property held them. */
function protect(value: unknown, hasher: AuditHasher | undefined): unknown {
  if (typeof value === 'string') return maskCprsInText(value);
  if (Array.isArray(value)) return value.map((v) => protect(v, hasher));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = protect(v, hasher);
    if (typeof v === 'string' && hasher && hasCprs(v)) out[`${key}Hash`] = hasher(v);
  }
  return out;
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
