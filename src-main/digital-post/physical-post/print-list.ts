import type { Language } from '../../contract';
import { writeAudit } from '../../audit/audit-log';
import type { Clock } from '../../shared/clock';
import { isoAt } from '../../shared/clock';
import { parseDate } from '../../shared/danish-formats';
import { DomainError } from '../../shared/domain-error';
import type { Db } from '../../store/database';
import { addEvent, type MessageRow } from '../outbox/outbox-repo';

/** A day as the caseworker in Denmark sees it (YYYY-MM-DD), whatever the machine's zone. */
export function copenhagenDay(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/** Letters that must go by physical post and are not yet marked as posted: the "Til print" list. */
export function lettersToPrint(db: Db, limit = 500): MessageRow[] {
  return db
    .prepare("SELECT * FROM digital_post_messages WHERE state = 'physical_post' AND posted_on IS NULL ORDER BY id LIMIT ?")
    .all(limit) as MessageRow[];
}

/** Letters already marked as posted, newest first (the list's second part). */
export function lettersPosted(db: Db, limit = 50): MessageRow[] {
  return db
    .prepare("SELECT * FROM digital_post_messages WHERE state = 'physical_post' AND posted_on IS NOT NULL ORDER BY posted_recorded_at DESC, id DESC LIMIT ?")
    .all(limit) as MessageRow[];
}

/** The name of the caseworker who marked a letter as posted, or null (not posted, or the user is gone). */
export function postedByName(db: Db, row: Pick<MessageRow, 'posted_by'>): string | null {
  if (row.posted_by === null) return null;
  return (db.prepare('SELECT name FROM users WHERE id = ?').pluck().get(row.posted_by) as string | undefined) ?? null;
}

export function countToPrint(db: Db): number {
  return db.prepare("SELECT count(*) FROM digital_post_messages WHERE state = 'physical_post' AND posted_on IS NULL").pluck().get() as number;
}

/**
 * Marks letters as posted on `postedOnText` (Danish or ISO date; today when
 * empty) by the signed-in caseworker: all or none, in one transaction, each
 * on its timeline and in the audit. Refused in the caller's language when a
 * letter is not waiting for print, the day lies ahead, or before the letter existed.
 */
export function markPosted(
  db: Db,
  clock: Clock,
  input: { ids: number[]; postedOn?: string | undefined; userId: number },
  lang: Language,
): MessageRow[] {
  const da = lang === 'da';
  const now = clock.now();
  const today = copenhagenDay(now);
  const postedOn = input.postedOn?.trim() ? parseDate(input.postedOn) : today;
  if (!postedOn) {
    throw new DomainError('validation_failed', da ? 'Datoen er ikke en gyldig dato, fx 15-01-2027' : 'The date is not a valid date, e.g. 15-01-2027', [{ field: 'postedOn', key: 'date_invalid' }]);
  }
  if (postedOn > today) {
    throw new DomainError('validation_failed', da ? 'Afsendelsesdatoen kan ikke ligge i fremtiden' : 'The posting date cannot be in the future', [{ field: 'postedOn', key: 'posted_in_future' }]);
  }
  const ids = [...new Set(input.ids)];
  return db
    .transaction(() => {
      const rows = ids.map((id) => db.prepare('SELECT * FROM digital_post_messages WHERE id = ?').get(id) as MessageRow | undefined);
      const missing = ids.filter((_, i) => !rows[i]);
      if (missing.length) throw new DomainError('not_found', da ? `Brevet findes ikke (${missing.join(', ')})` : `The letter was not found (${missing.join(', ')})`);
      const found = rows as MessageRow[];
      const notWaiting = found.filter((r) => r.state !== 'physical_post' || r.posted_on !== null);
      if (notWaiting.length) {
        const names = notWaiting.map((r) => `"${r.subject}"`).join(', ');
        throw new DomainError(
          'conflict',
          da ? `Kun breve på listen "Til print" kan markeres som afsendt: ${names}` : `Only letters on the "To print" list can be marked as posted: ${names}`,
        );
      }
      const tooEarly = found.filter((r) => postedOn < copenhagenDay(Date.parse(r.created_at)));
      if (tooEarly.length) {
        const names = tooEarly.map((r) => `"${r.subject}"`).join(', ');
        throw new DomainError(
          'validation_failed',
          da ? `Afsendelsesdatoen ligger før brevet blev skrevet: ${names}` : `The posting date is before the letter was written: ${names}`,
          [{ field: 'postedOn', key: 'posted_before_letter' }],
        );
      }
      const at = isoAt(now);
      const update = db.prepare("UPDATE digital_post_messages SET posted_on = ?, posted_by = ?, posted_recorded_at = ? WHERE id = ? AND state = 'physical_post' AND posted_on IS NULL");
      for (const r of found) {
        update.run(postedOn, input.userId, at, r.id);
        addEvent(db, r.id, now, 'posted', postedOn);
        writeAudit(db, { at, userId: input.userId, recordId: r.record_id, action: 'digital_post.posted', details: { messageUuid: r.message_uuid, subject: r.subject, postedOn } });
      }
      return found.map((r) => db.prepare('SELECT * FROM digital_post_messages WHERE id = ?').get(r.id) as MessageRow);
    })
    .immediate();
}
