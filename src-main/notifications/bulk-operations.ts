import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';

export type BulkOperationKind = 'csv_import' | 'mailing' | 'status_change';

/**
 * The bulk operations that notifications are summarised by (migration 016).
 * `label` names the operation for the reader (the file name, the mailing's
 * name, the target status); `sourceKey` lets a later step of the same
 * operation (the outbox sending a mailing's letters) find it again.
 */
export class BulkOperations {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  begin(kind: BulkOperationKind, label: string, actorUserId: number | null, sourceKey?: string): number {
    if (sourceKey !== undefined) {
      const found = this.bySource(sourceKey);
      if (found !== null) return found;
    }
    return Number(
      this.db
        .prepare('INSERT INTO bulk_operations (kind, label, source_key, actor_user_id, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(kind, label.slice(0, 200), sourceKey ?? null, actorUserId, isoAt(this.clock.now())).lastInsertRowid,
    );
  }

  /**
   * A mailing's operation, made at its first notification: the letters of a
   * mailing are sent by the outbox long after it was prepared, so what they
   * tell people (physical post, a failure) is gathered by the mailing's id.
   */
  forMailing(mailingId: number): number | null {
    const key = mailingBulkKey(mailingId);
    const found = this.bySource(key);
    if (found !== null) return found;
    const mailing = this.db.prepare('SELECT name, created_by FROM mailings WHERE id = ?').get(mailingId) as
      | { name: string; created_by: number | null }
      | undefined;
    return mailing ? this.begin('mailing', mailing.name, mailing.created_by, key) : null;
  }

  bySource(sourceKey: string): number | null {
    return (this.db.prepare('SELECT id FROM bulk_operations WHERE source_key = ?').pluck().get(sourceKey) as number | undefined) ?? null;
  }
}

/** The bulk operation of a mailing's letters (created when the mailing is prepared). */
export const mailingBulkKey = (mailingId: number): string => `mailing:${mailingId}`;
