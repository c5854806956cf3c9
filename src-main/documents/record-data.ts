import type { Db } from '../store/database';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';
import type { RecordData } from './placeholders';

const DANISH_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Denmark as YYYY-MM-DD (a letter written at 00:30 Danish time is dated that day). */
export const danishToday = (nowMs: number): string => DANISH_DAY.format(new Date(nowMs));

export interface LoadedRecord extends RecordData {
  /** Ten digits, or null when the record has no CPR. Only ever put into a letter or the outbox. */
  cpr: string | null;
  responsibleUserId: number | null;
}

interface Row {
  id: number;
  number: string;
  status_id: number;
  cpr: string | null;
  responsible_user_id: number | null;
}

/**
 * Everything placeholders need for a batch of records, in two queries (the
 * records and all their values), so a 10,000-letter mailing reads its data in
 * a few dozen round trips instead of one per field.
 */
export function loadRecords(
  db: Db,
  ws: WorkspaceSnapshot,
  ids: readonly number[],
  caseworkerName: (responsibleUserId: number | null) => string,
  today: string,
): LoadedRecord[] {
  const out: LoadedRecord[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    const rows = db.prepare(`SELECT id, number, status_id, cpr, responsible_user_id FROM records WHERE id IN (${marks})`).all(...chunk) as Row[];
    const values = db.prepare(`SELECT record_id, field_id, value FROM record_values WHERE record_id IN (${marks})`).all(...chunk) as {
      record_id: number;
      field_id: number;
      value: string;
    }[];
    const byRecord = new Map<number, Map<string, string>>();
    for (const v of values) {
      const field = ws.fieldsById.get(v.field_id);
      if (!field) continue;
      let m = byRecord.get(v.record_id);
      if (!m) byRecord.set(v.record_id, (m = new Map()));
      m.set(field.key, v.value);
    }
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    for (const id of chunk) {
      const r = rowsById.get(id);
      if (!r) continue;
      out.push({
        recordId: r.id,
        number: r.number,
        statusName: ws.statusesById.get(r.status_id)?.name ?? '',
        values: byRecord.get(r.id) ?? new Map(),
        caseworkerName: caseworkerName(r.responsible_user_id),
        today,
        cpr: r.cpr,
        responsibleUserId: r.responsible_user_id,
      });
    }
  }
  return out;
}
