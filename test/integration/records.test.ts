import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { RecordDetail, RecordPage } from '../../src-main/contract';
import { count, createDemoRecord, demo, manualClock, type ManualClock, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let clock: ManualClock;
let session: Session;

beforeEach(() => {
  clock = manualClock();
  app = open({ seedDemo: true, clock });
  session = demo(app).adminSession();
});

const WRITE_TABLES = ['records', 'record_values', 'audit_log', 'status_history', 'jobs', 'records_search'] as const;
const tableCounts = () => Object.fromEntries(WRITE_TABLES.map((t) => [t, count(app.services.db, t)]));

const getRecord = async (id: number) => value(await app.dispatch('getRecord', { id }, session)) as RecordDetail;
const list = async (input: Record<string, unknown>) =>
  value(await app.dispatch('listRecords', { offset: 0, limit: 500, ...input }, session)) as RecordPage;

describe('creating records', () => {
  it('refuses invalid values with field errors and writes nothing', async () => {
    const before = tableCounts();
    const result = await app.dispatch(
      'createRecord',
      {
        workflowId: demo(app).workflow.id,
        values: { cpr: '300201-1234', email: 'not-an-email', beloeb: '12x', frist: '2026-02-30', ukendt: 'x' },
      },
      session,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation_failed');
    expect(result.error.fieldErrors).toEqual(
      expect.arrayContaining([
        { field: 'cpr', key: 'cpr_invalid_date' },
        { field: 'email', key: 'email_invalid' },
        { field: 'beloeb', key: 'number_invalid' },
        { field: 'frist', key: 'date_invalid' },
        { field: 'ukendt', key: 'unknown_field' },
        { field: 'navn', key: 'required' },
      ]),
    );
    expect(JSON.stringify(result.error)).not.toMatch(/3002011234|300201-1234/);
    expect(tableCounts()).toEqual(before);
  });

  it('stores normalised values, fills the hot columns, audits and queues the initial status actions', async () => {
    const { workflow, group } = demo(app);
    const record = await createDemoRecord(app, session, {
      navn: '  Åse Østergaard ',
      cpr: '010190-1234',
      beloeb: '1250,50',
      bevilget: 'Nej',
    });
    expect(record.statusId).toBe(workflow.initialStatusId);
    expect(record.version).toBe(1);
    expect(record.name).toBe('Åse Østergaard');
    expect(record.cprMasked).toBe('010190-****');
    expect(record.values).toMatchObject({ navn: 'Åse Østergaard', cpr: '010190-****', beloeb: '1250.50', bevilget: 'false' });
    const row = app.services.db.prepare('SELECT name, name_key, cpr, created_at FROM records WHERE id = ?').get(record.id);
    // The Danish sort key (records/name-key.ts): Å and "aa" → "}", Ø → "|", so Å-names sort last.
    expect(row).toEqual({ name: 'Åse Østergaard', name_key: '}se |sterg}rd', cpr: '0101901234', created_at: new Date(clock.now()).toISOString() });
    expect(record.history).toHaveLength(1);
    expect(record.history[0]).toMatchObject({ fromStatusId: null, toStatusId: workflow.initialStatusId, userId: session.userId });
    expect(record.audit.map((a) => a.action)).toEqual(['record.created']);
    // "Modtaget" assigns the Visitation group: one queued job, not yet run.
    expect(record.jobs).toHaveLength(1);
    expect(record.jobs[0]).toMatchObject({ status: 'queued', type: 'assign_responsible', attempts: 0 });
    expect(record.responsibleGroupId).toBeNull();
    await app.services.jobs.runDue();
    expect((await getRecord(record.id)).responsibleGroupId).toBe(group('Visitation').id);
  });

  it('finds the new record by name prefix, by CPR and by record number', async () => {
    const record = await createDemoRecord(app, session, { navn: 'Zacharias Quist', cpr: '0202020123' });
    expect((await list({ search: 'zach qui' })).rows.map((r) => r.id)).toEqual([record.id]);
    expect((await list({ search: '020202-0123' })).rows.map((r) => r.id)).toEqual([record.id]);
    expect((await list({ search: '0202020123' })).rows.map((r) => r.id)).toEqual([record.id]);
    expect((await list({ search: record.number })).rows.map((r) => r.id)).toEqual([record.id]);
    // An invalid CPR-shaped search matches nothing rather than falling back to text search.
    expect((await list({ search: '300202-0123' })).total).toBe(0);
    expect((await list({ search: 'zach' })).rows[0]?.cprMasked).toBe('020202-****');
  });
});

describe('editing records', () => {
  it('refuses a stale version with conflict and keeps the stored values', async () => {
    const record = await createDemoRecord(app, session, { adresse: 'Vestergade 1' });
    // Two windows load the same version; the first saves, the second must not overwrite it.
    const first = value(
      await app.dispatch('updateRecord', { id: record.id, version: record.version, values: { adresse: 'Østergade 2' } }, session),
    ) as RecordDetail;
    expect(first.version).toBe(record.version + 1);
    const valuesBefore = app.services.records.valuesById(record.id);
    const auditBefore = count(app.services.db, 'audit_log');
    const second = await app.dispatch('updateRecord', { id: record.id, version: record.version, values: { adresse: 'Nørregade 3' } }, session);
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(app.services.records.valuesById(record.id)).toEqual(valuesBefore);
    expect((await getRecord(record.id)).values.adresse).toBe('Østergade 2');
    expect((await getRecord(record.id)).version).toBe(first.version);
    expect(count(app.services.db, 'audit_log')).toBe(auditBefore);
  });

  it('a status change also bumps the version, so an edit based on the old one conflicts', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: status('Afvist').id, comment: '' }, session));
    const stale = await app.dispatch('updateRecord', { id: record.id, version: record.version, values: { adresse: 'x' } }, session);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('audits the changed fields with CPR numbers masked and moves the hot columns', async () => {
    const { user } = demo(app);
    const record = await createDemoRecord(app, session, { cpr: '0101901234' });
    const jens = user('Jens Nielsen');
    const updated = value(
      await app.dispatch(
        'updateRecord',
        { id: record.id, version: 1, values: { cpr: '020290-5678', navn: 'Nyt Navn', sagsbehandler: String(jens.id), telefon: '' } },
        session,
      ),
    ) as RecordDetail;
    expect(updated).toMatchObject({ version: 2, name: 'Nyt Navn', cprMasked: '020290-****', responsibleUserId: jens.id });
    const change = updated.audit.find((a) => a.action === 'record.fields_changed');
    expect(change?.details).toEqual({
      via: 'caseworker',
      changes: expect.arrayContaining([
        // Masked, with a keyed hash of each number so two entries can be compared.
        { field: 'cpr', from: '010190-****', fromHash: expect.stringMatching(/^[\w-]{22}$/), to: '020290-****', toHash: expect.stringMatching(/^[\w-]{22}$/) },
        { field: 'navn', from: 'Test Person', to: 'Nyt Navn' },
      ]),
    });
    const cprChange = (change?.details.changes as { field: string; fromHash: string; toHash: string }[]).find((c) => c.field === 'cpr');
    expect(cprChange?.fromHash).not.toBe(cprChange?.toHash);
    // An unchanged or empty-to-empty value is not a change.
    const same = value(await app.dispatch('updateRecord', { id: record.id, version: 2, values: { navn: 'Nyt Navn', telefon: null } }, session)) as RecordDetail;
    expect(same.version).toBe(2);
    expect((await list({ search: 'nyt navn' })).rows.map((r) => r.id)).toEqual([record.id]);
    expect((await list({ search: 'test person' })).rows.map((r) => r.id)).not.toContain(record.id);
  });

  it('an invalid edit writes nothing', async () => {
    const record = await createDemoRecord(app, session, { email: 'a@b.dk' });
    const before = tableCounts();
    const result = await app.dispatch('updateRecord', { id: record.id, version: 1, values: { email: 'bad', navn: 'Changed' } }, session);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed', fieldErrors: [{ field: 'email', key: 'email_invalid' }] } });
    expect(tableCounts()).toEqual(before);
    expect((await getRecord(record.id)).name).toBe('Test Person');
  });
});

describe('revealing a CPR number', () => {
  it('returns the full number, audits the reveal, and no audit entry ever holds the number', async () => {
    const record = await createDemoRecord(app, session, { cpr: '010190-1234' });
    value(await app.dispatch('updateRecord', { id: record.id, version: 1, values: { cpr: '0202905678' } }, session));
    const revealed = value(await app.dispatch('revealCpr', { id: record.id, fieldKey: 'cpr' }, session));
    expect(revealed).toEqual({ cpr: '020290-5678' });
    const entries = app.services.db
      .prepare("SELECT user_id, details FROM audit_log WHERE record_id = ? AND action = 'record.cpr_revealed'")
      .all(record.id);
    expect(entries).toEqual([{ user_id: session.userId, details: JSON.stringify({ field: 'cpr' }) }]);
    const details = (app.services.db.prepare('SELECT details FROM audit_log').pluck().all() as string[]).join('\n');
    for (const cpr of ['0101901234', '010190-1234', '0202905678', '020290-5678']) expect(details).not.toContain(cpr);
    // The demo records' CPR numbers never reach the audit log either.
    const stored = app.services.db.prepare('SELECT cpr FROM records WHERE cpr IS NOT NULL').pluck().all() as string[];
    expect(stored.length).toBeGreaterThan(100);
    for (const cpr of stored) expect(details).not.toContain(cpr);
  });

  it('refuses a non-CPR field and a record without a CPR, without an audit entry', async () => {
    const record = await createDemoRecord(app, session);
    const before = count(app.services.db, 'audit_log');
    expect(await app.dispatch('revealCpr', { id: record.id, fieldKey: 'navn' }, session)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await app.dispatch('revealCpr', { id: record.id, fieldKey: 'cpr' }, session)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await app.dispatch('revealCpr', { id: 999_999, fieldKey: 'cpr' }, session)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(count(app.services.db, 'audit_log')).toBe(before);
  });
});

describe('my records', () => {
  it('lists records where I am responsible or one of my groups is', async () => {
    const { user, group } = demo(app);
    const anne = user('Anne Sørensen'); // member of Sagsbehandling and Visitation
    expect(anne.groupIds.sort()).toEqual([group('Sagsbehandling').id, group('Visitation').id].sort());
    const lars = user('Lars Pedersen');
    const mine1 = await createDemoRecord(app, session, { sagsbehandler: String(anne.id), team: String(group('Økonomi').id) });
    const mine2 = await createDemoRecord(app, session, { sagsbehandler: String(lars.id), team: String(group('Visitation').id) });
    const notMine = await createDemoRecord(app, session, { sagsbehandler: String(lars.id), team: String(group('Økonomi').id) });
    const nobody = await createDemoRecord(app, session);

    const anneSession: Session = { userId: anne.id };
    const page = value(await app.dispatch('listRecords', { mine: true, offset: 0, limit: 500 }, anneSession)) as RecordPage;
    const ids = page.rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([mine1.id, mine2.id]));
    expect(ids).not.toContain(notMine.id);
    expect(ids).not.toContain(nobody.id);
    for (const row of page.rows) {
      expect(row.responsibleUserId === anne.id || anne.groupIds.includes(row.responsibleGroupId ?? -1)).toBe(true);
    }
    const expected = app.services.db
      .prepare('SELECT count(*) FROM records WHERE responsible_user_id = ? OR responsible_group_id IN (?, ?)')
      .pluck()
      .get(anne.id, ...anne.groupIds);
    expect(page.total).toBe(expected);
    expect(page.rows).toHaveLength(page.total);

    // Lars is in Økonomi only.
    const larsPage = value(await app.dispatch('listRecords', { mine: true, offset: 0, limit: 500 }, { userId: lars.id })) as RecordPage;
    expect(larsPage.rows.map((r) => r.id)).toEqual(expect.arrayContaining([mine1.id, mine2.id, notMine.id]));
  });

  it('pages and sorts consistently', async () => {
    const all = await list({ sortBy: 'name', sortDir: 'asc' });
    // In Danish order: Æ, Ø, Å after Z; names equal but for case or accents in any order.
    const danish = new Intl.Collator('da', { sensitivity: 'base' });
    const names = all.rows.map((r) => r.name);
    for (let i = 1; i < names.length; i += 1) expect(danish.compare(names[i - 1]!, names[i]!), `${names[i - 1]} / ${names[i]}`).toBeLessThanOrEqual(0);
    const page2 = value(await app.dispatch('listRecords', { sortBy: 'name', sortDir: 'asc', offset: 50, limit: 50 }, session)) as RecordPage;
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(50, 100).map((r) => r.id));
    expect(page2.total).toBe(all.total);
  });

  it('needs a selected user', async () => {
    expect(await app.dispatch('listRecords', { offset: 0, limit: 10 }, { userId: null })).toMatchObject({
      ok: false,
      error: { code: 'no_user_selected' },
    });
    expect(await app.dispatch('getRecord', { id: 1 }, { userId: 987_654 })).toMatchObject({ ok: false, error: { code: 'no_user_selected' } });
  });
});
