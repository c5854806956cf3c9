import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { Db } from '../store/database';
import { writeAudit } from '../audit/audit-log';

/** Which caseworker profile a MitID identity (its `uuid`) logs in as. */
export class CaseworkerIdentities {
  /** Sign-ins in progress: login id → the profile chosen for a first-time link (if any). */
  readonly pending = new Map<string, { userId: number | null; authorizationUrl: string }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  userFor(uuid: string): number | null {
    return (this.db.prepare('SELECT user_id FROM mitid_identities WHERE uuid = ?').pluck().get(uuid) as number | undefined) ?? null;
  }

  isLinked(userId: number): boolean {
    return this.db.prepare('SELECT 1 FROM mitid_identities WHERE user_id = ?').get(userId) !== undefined;
  }

  /** The first MitID login for a profile links them; a profile keeps one MitID identity. */
  link(uuid: string, userId: number): void {
    this.db
      .transaction(() => {
        if (this.isLinked(userId)) throw new DomainError('conflict', 'this profile is already linked to another MitID');
        const at = isoAt(this.clock.now());
        this.db.prepare('INSERT INTO mitid_identities (uuid, user_id, linked_at) VALUES (?, ?, ?)').run(uuid, userId, at);
        writeAudit(this.db, { at, userId, recordId: null, action: 'user.mitid_linked', details: {} });
      })
      .immediate();
  }
}
