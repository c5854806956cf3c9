// A large CSV import (issue 2's bench path): rows read and checked on a second
// thread while the app's thread writes them, in one transaction, with the same
// result as reading them on the app's thread; derived rows (history, audit,
// search, jobs, notifications) written in bulk exactly as for single records.
import { describe, expect, it } from 'vitest';
import type { CsvImportReport, RecordPage } from '../../src-main/contract';
import { storedValues } from '../../src-main/records/record-columns';
import { count, demo, manualClock, type TestApp, useTestApps, value, csvImportedIds } from './helpers/test-app';

const { open } = useTestApps();

const HEADER = 'Navn;CPR;E-mail;Beløb;Frist;Note;Sagsbehandler;Team;Bevilget';
const MAPPING = {
  Navn: 'navn',
  CPR: 'cpr',
  'E-mail': 'email',
  Beløb: 'beloeb',
  Frist: 'frist',
  Note: 'beskrivelse',
  Sagsbehandler: 'sagsbehandler',
  Team: 'team',
  Bevilget: 'bevilget',
};
/** Values that JSON must escape, and ones it must not touch. */
const NOTES = ['"citat" og \\ skråstreg', 'tabulator\there', 'emoji 🙂 og æøå', 'lone \ud800 surrogate', 'linje\nto', 'plain'];

/** ~3,000 rows (well over the second thread's threshold), every 97th one bad. */
function bigCsv(app: TestApp): string {
  const d = demo(app);
  // Caseworkers and groups written as a spreadsheet has them: id, initials, e-mail or name.
  const jens = d.user('Jens Nielsen');
  const people = [String(jens.id), 'AS', 'lars.pedersen@kommune.example', 'Jens Nielsen', 'jn'];
  const groups = [String(d.group('Visitation').id), 'Økonomi', 'sagsbehandling'];
  const lines = [HEADER];
  for (let i = 0; i < 3000; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const cpr = i % 97 === 5 ? "320180-1234" : `${day}0180-${String(1000 + (i % 9000)).padStart(4, '0')}`;
    const note = NOTES[i % NOTES.length] as string;
    const quoted = `"${note.replace(/"/g, '""')} nr. ${i}"`;
    lines.push(
      [
        i % 97 === 50 ? '' : `Borger Bulksen ${i}`,
        cpr,
        `borger${i}@example.dk`,
        `${100 + i},${String(i % 100).padStart(2, '0')}`,
        `2026-${String((i % 12) + 1).padStart(2, '0')}-${day}`,
        quoted,
        String(people[i % people.length]),
        String(groups[i % groups.length]),
        i % 2 ? 'ja' : 'nej',
      ].join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Waits (a minute at most: a loaded machine) until the import's second thread listens. */
async function secondThreadUp(app: TestApp): Promise<void> {
  const thread = app.services.csvRowChecking;
  for (let i = 0; i < 1200 && !thread.available(); i += 1) await new Promise((r) => setTimeout(r, 50));
  expect(thread.available()).toBe(true);
}

/** Everything an import wrote for its records, comparable between two stores. */
function written(app: TestApp, ids: number[]) {
  const { db } = app.services;
  const first = Math.min(...ids);
  const rows = db
    .prepare(
      `SELECT r.number, r.name, r.name_key, r.cpr, r.responsible_user_id AS user, r.responsible_group_id AS "group", r.status_id AS status, d.field_values AS json
       FROM records r JOIN record_data d ON d.record_id = r.id WHERE r.id >= ? ORDER BY r.id`,
    )
    .all(first);
  return {
    rows,
    history: count(db, 'status_history', 'record_id >= ?', first),
    audit: count(db, 'audit_log', "record_id >= ? AND action = 'record.created'", first),
    jobs: count(db, 'jobs', 'record_id >= ?', first),
    notifications: db.prepare('SELECT user_id, kind, context, params FROM notifications ORDER BY user_id, kind, context').all(),
  };
}

const imported = async (app: TestApp, csv: string): Promise<CsvImportReport> =>
  value(await app.dispatch('runCsvImport', { csv, workflowId: demo(app).workflow.id, mapping: MAPPING }, demo(app).adminSession())) as CsvImportReport;

describe('a large CSV import', () => {
  it('writes the same records, errors and derived rows whether its rows are read on the second thread or on this one', async () => {
    const threaded = open({ seedDemo: true, clock: manualClock() });
    const inline = open({ seedDemo: true, clock: manualClock() });
    const csv = bigCsv(threaded);
    await secondThreadUp(threaded);
    await inline.services.csvRowChecking.stop();

    const a = await imported(threaded, csv);
    const b = await imported(inline, csv);
    expect(threaded.services.csvRowChecking.filesChecked).toBe(1);
    expect(inline.services.csvRowChecking.filesChecked).toBe(0);

    // 3,000 rows, every 97th from 5 a bad CPR date and every 97th from 50 without a name.
    const bad = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 97 === 5 || i % 97 === 50).length;
    expect(a.imported).toBe(3000 - bad);
    expect(a.failed).toBe(bad);
    expect(a.rowErrors).toEqual(b.rowErrors);
    // Row 5 is on line 8, not 7: the note of row 4 ("linje\nto") spans two lines.
    expect(a.rowErrors[0]).toEqual({ line: 8, errors: [{ field: 'cpr', key: 'cpr_invalid_date' }] });

    const wa = written(threaded, csvImportedIds(threaded));
    const wb = written(inline, csvImportedIds(inline));
    expect(wa).toEqual(wb);
    expect(wa.rows).toHaveLength(a.imported);
    expect(wa.history).toBe(a.imported);
    expect(wa.audit).toBe(a.imported);
    // "Modtaget" has one status action: one job per new record.
    expect(wa.jobs).toBe(a.imported);
    // Initials, e-mails and names became the caseworkers' and groups' ids.
    const d = demo(threaded);
    const users = new Set((wa.rows as { user: number }[]).map((r) => r.user));
    expect(users).toEqual(new Set(['Jens Nielsen', 'Anne Sørensen', 'Lars Pedersen'].map((name) => d.user(name).id)));
    const groups = new Set((wa.rows as { group: number }[]).map((r) => r.group));
    expect(groups).toEqual(new Set(['Visitation', 'Økonomi', 'Sagsbehandling'].map((name) => d.group(name).id)));
  });

  it('stores each record’s values exactly as a single create does, escapes included', async () => {
    const app = open({ seedDemo: true, clock: manualClock() });
    await secondThreadUp(app);
    const csv = bigCsv(app);
    await imported(app, csv);
    const ws = app.services.workspace.snapshot();
    const stored = app.services.db.prepare('SELECT field_values FROM record_data WHERE record_id = ?').pluck();
    for (const id of csvImportedIds(app).slice(0, NOTES.length * 2)) {
      const json = stored.get(id) as string;
      const values = JSON.parse(json) as Record<string, string>;
      // The same text storedValues writes for the same values (one record's create path).
      const clean = new Map(Object.entries(values).map(([fieldId, v]) => [ws.fieldsById.get(Number(fieldId))!, v] as const));
      expect(json).toBe(storedValues(clean));
      const note = values[String(ws.fieldsByKey.get('beskrivelse')!.id)] ?? '';
      expect(NOTES.some((n) => note.startsWith(n)), note).toBe(true);
    }
    // SQLite reads the values as JSON too (json_extract is what timed actions and documents use).
    const bevilget = ws.fieldsByKey.get('bevilget')!.id;
    const yes = app.services.db
      .prepare(`SELECT count(*) FROM record_data WHERE record_id >= ? AND json_extract(field_values, '$."' || CAST(? AS INTEGER) || '"') = 'true'`)
      .pluck()
      .get(Math.min(...csvImportedIds(app)), bevilget) as number;
    expect(yes).toBeGreaterThan(1000);
  });

  it('finds imported records by name and by CPR, and an edited CPR by its new number only', async () => {
    const app = open({ seedDemo: true, clock: manualClock() });
    await secondThreadUp(app);
    await imported(app, bigCsv(app));
    const session = demo(app).adminSession();
    const search = async (text: string) => value(await app.dispatch('listRecords', { search: text, offset: 0, limit: 50 }, session)) as RecordPage;

    expect((await search('Bulksen 2999')).rows.map((r) => r.name)).toEqual(['Borger Bulksen 2999']);
    // Row 2999: day 2999 % 28 + 1 = 4, serial 1000 + 2999 % 9000 = 3999.
    const found = await search('040180-3999');
    expect(found.rows.map((r) => r.name)).toContain('Borger Bulksen 2999');

    const id = csvImportedIds(app).at(-1)!;
    const record = value(await app.dispatch('getRecord', { id }, session)) as { version: number };
    value(await app.dispatch('updateRecord', { id, version: record.version, values: { cpr: '050180-0001' } }, session));
    expect((await search('050180-0001')).rows.map((r) => r.id)).toEqual([id]);
    expect((await search('040180-3999')).rows.map((r) => r.id)).not.toContain(id);
  });

  it('leaves nothing behind when the write fails part-way', async () => {
    const app = open({ seedDemo: true, clock: manualClock() });
    await secondThreadUp(app);
    const { db, notifications } = app.services;
    const before = { records: count(db, 'records'), history: count(db, 'status_history'), audit: count(db, 'audit_log'), jobs: count(db, 'jobs') };
    // The notifications come after the records, history and jobs are written, inside the same transaction.
    notifications.publish = () => {
      throw new Error('inbox unavailable');
    };
    const result = await app.dispatch('runCsvImport', { csv: bigCsv(app), workflowId: demo(app).workflow.id, mapping: MAPPING }, demo(app).adminSession());
    expect(result.ok).toBe(false);
    expect({ records: count(db, 'records'), history: count(db, 'status_history'), audit: count(db, 'audit_log'), jobs: count(db, 'jobs') }).toEqual(before);
    const session = demo(app).adminSession();
    const page = value(await app.dispatch('listRecords', { search: 'Bulksen', offset: 0, limit: 50 }, session)) as RecordPage;
    expect(page.total).toBe(0);
  });
});

describe('a CSV import into a status with delayed actions', () => {
  it('schedules each new record’s timed actions from its own date field, and its on-enter jobs', async () => {
    const clock = manualClock();
    const app = open({ seedDemo: true, clock });
    const session = demo(app).adminSession();
    const frist = app.services.workspace.snapshot().fieldsByKey.get('frist')!;
    const DAY = 86_400_000;
    value(
      await app.dispatch(
        'saveStatusAction',
        {
          statusId: demo(app).status('Modtaget').id,
          type: 'set_field',
          name: 'Påmind dagen før fristen',
          params: { fieldKey: 'beskrivelse', value: 'Fristen er i morgen' },
          enabled: true,
          sortOrder: 9,
          timing: { trigger: 'delay', delayMs: -DAY, delayFrom: 'field', delayFieldId: frist.id },
        },
        session,
      ),
    );
    await secondThreadUp(app);
    const report = await imported(app, bigCsv(app));
    const rows = app.services.db
      .prepare(
        `SELECT t.record_id AS id, t.due_at AS dueAt, json_extract(d.field_values, '$."' || CAST(? AS INTEGER) || '"') AS frist
         FROM timed_actions t JOIN record_data d ON d.record_id = t.record_id WHERE t.state = 'pending' ORDER BY t.record_id`,
      )
      .all(frist.id) as { id: number; dueAt: number; frist: string }[];
    expect(rows.map((r) => r.id)).toEqual(csvImportedIds(app));
    for (const row of rows) expect(row.dueAt).toBe(Date.parse(`${row.frist}T00:00:00Z`) - DAY);
    // The status's on-enter action ("Send til Visitation") is one queued job per record.
    expect(count(app.services.db, 'jobs', "record_id >= ? AND status = 'queued'", Math.min(...csvImportedIds(app)))).toBe(report.imported);
  });
});
