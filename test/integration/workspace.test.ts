import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { FieldDef, MethodInput, RecordPage } from '../../src-main/contract';
import { count, createDemoRecord, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let admin: Session;

beforeEach(() => {
  app = open({ seedDemo: true });
  admin = demo(app).adminSession();
});

const saveField = (input: Partial<MethodInput<'saveField'>> & { key: string }) =>
  app.dispatch(
    'saveField',
    { label: input.key, type: 'text', required: false, options: [], role: null, showInList: false, sortOrder: 50, ...input },
    admin,
  );
const fieldInput = (f: FieldDef): MethodInput<'saveField'> => ({ ...f });
const search = async (text: string) =>
  (value(await app.dispatch('listRecords', { search: text, offset: 0, limit: 500 }, admin)) as RecordPage).rows.map((r) => r.id);

describe('field rules', () => {
  it('a role needs its own field type', async () => {
    for (const [role, type] of [['name', 'number'], ['cpr', 'text'], ['responsible_user', 'group'], ['responsible_group', 'user']] as const) {
      const result = await saveField({ key: `x_${role}`, type, role });
      expect(result, `${role} on ${type}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(app.services.workspace.snapshot().fields.some((f) => f.key.startsWith('x_'))).toBe(false);
  });

  it('a choice field needs options; keys and roles are unique', async () => {
    expect(await saveField({ key: 'valg', type: 'choice', options: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await saveField({ key: 'navn' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const holder = await saveField({ key: 'andet_navn', role: 'name' });
    expect(holder).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!holder.ok) expect(holder.error.message).toContain('"Navn"');
    expect(value(await saveField({ key: 'valg', type: 'choice', options: ['A', 'B'] }))).toMatchObject({ key: 'valg', options: ['A', 'B'] });
  });

  it('a field with values cannot change type; one without values can', async () => {
    const { field } = demo(app);
    expect(await app.dispatch('saveField', { ...fieldInput(field('beloeb')), type: 'text' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(app.services.workspace.snapshot().fieldsByKey.get('beloeb')?.type).toBe('number');
    const fresh = value(await saveField({ key: 'tom', type: 'text' })) as FieldDef;
    expect(value(await app.dispatch('saveField', { ...fieldInput(fresh), type: 'number' }, admin))).toMatchObject({ type: 'number' });
  });

  it('only an administrator changes the workspace', async () => {
    const jens: Session = { userId: demo(app).user('Jens Nielsen').id };
    expect(await app.dispatch('saveGroup', { name: 'Ny' }, jens)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(await app.dispatch('deleteField', { id: demo(app).field('frist').id }, jens)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(value(await app.dispatch('getWorkspace', {}, jens))).toHaveProperty('fields');
  });
});

describe('moving a role backfills the hot columns', () => {
  it('the name role moved to the address field renames every record and re-indexes search', async () => {
    const { field } = demo(app);
    const db = app.services.db;
    const someName = db.prepare("SELECT name FROM records WHERE name <> '' LIMIT 1").pluck().get() as string;
    expect((await search(someName)).length).toBeGreaterThan(0);

    value(await app.dispatch('saveField', { ...fieldInput(field('navn')), role: null }, admin));
    expect(count(db, 'records', "name <> '' OR name_key <> ''")).toBe(0);
    expect(await search(someName)).toEqual([]);

    value(await app.dispatch('saveField', { ...fieldInput(field('adresse')), role: 'name' }, admin));
    const mismatched = db
      .prepare(
        `SELECT count(*) FROM records r LEFT JOIN record_values v ON v.record_id = r.id AND v.field_id = ?
         WHERE r.name <> coalesce(v.value, '')`,
      )
      .pluck()
      .get(field('adresse').id);
    expect(mismatched).toBe(0);
    // ASCII names' sort keys: lower case, "aa" as Å ("}"); the rest is name-key.test.ts's.
    expect(count(db, 'records', "name_key <> replace(lower(name), 'aa', '}') AND name NOT GLOB ?", '*[^ -~]*')).toBe(0);
    expect(count(db, 'records', "name <> '' AND name_key = ''")).toBe(0);
    const onVestergade = db
      .prepare("SELECT record_id FROM record_values WHERE field_id = ? AND value LIKE 'Vestergade %' ORDER BY record_id")
      .pluck()
      .all(field('adresse').id) as number[];
    expect(onVestergade.length).toBeGreaterThan(0);
    expect((await search('vesterg')).sort((a, b) => a - b)).toEqual(onVestergade);
    // A new edit of the address now also renames the record.
    const record = await createDemoRecord(app, admin, { adresse: 'Kattesundet 9' });
    expect(record.name).toBe('Kattesundet 9');
    expect(await search('kattesund')).toEqual([record.id]);
  });

  it('the CPR role removed and restored clears and refills records.cpr', async () => {
    const { field } = demo(app);
    const db = app.services.db;
    const withCpr = count(db, 'records', 'cpr IS NOT NULL');
    expect(withCpr).toBeGreaterThan(0);
    value(await app.dispatch('saveField', { ...fieldInput(field('cpr')), role: null }, admin));
    expect(count(db, 'records', 'cpr IS NOT NULL')).toBe(0);
    value(await app.dispatch('saveField', { ...fieldInput(field('cpr')), role: 'cpr' }, admin));
    expect(count(db, 'records', 'cpr IS NOT NULL')).toBe(withCpr);
  });

  it('the responsible group role removed and restored clears and refills the column', async () => {
    const { field } = demo(app);
    const db = app.services.db;
    const snapshot = () => db.prepare('SELECT id, responsible_group_id FROM records ORDER BY id').all();
    const before = snapshot();
    value(await app.dispatch('saveField', { ...fieldInput(field('team')), role: null }, admin));
    expect(count(db, 'records', 'responsible_group_id IS NOT NULL')).toBe(0);
    value(await app.dispatch('saveField', { ...fieldInput(field('team')), role: 'responsible_group' }, admin));
    expect(snapshot()).toEqual(before);
  });
});

describe('deleting', () => {
  it('refuses to delete a field that holds values, allows an empty one', async () => {
    const { field } = demo(app);
    expect(await app.dispatch('deleteField', { id: field('adresse').id }, admin)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(app.services.workspace.snapshot().fieldsByKey.has('adresse')).toBe(true);
    const empty = value(await saveField({ key: 'midlertidig' })) as FieldDef;
    value(await app.dispatch('deleteField', { id: empty.id }, admin));
    expect(app.services.workspace.snapshot().fieldsByKey.has('midlertidig')).toBe(false);
    expect(await app.dispatch('deleteField', { id: empty.id }, admin)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses to delete a status records are or have been in', async () => {
    const { status, workflow } = demo(app);
    expect(await app.dispatch('deleteStatus', { id: status('Modtaget').id }, admin)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    // A status no record is in now, but one has passed through, is history and stays.
    const record = await createDemoRecord(app, admin);
    const newStatus = async (name: string) =>
      value(await app.dispatch('saveStatus', { workflowId: workflow.id, name, color: '#123456', isFinal: false, sortOrder: 9 }, admin)) as { id: number };
    const unused = await newStatus('Gennemgang');
    value(await app.dispatch('saveTransition', { workflowId: workflow.id, fromStatusId: status('Modtaget').id, toStatusId: unused.id, label: '' }, admin));
    value(await app.dispatch('saveTransition', { workflowId: workflow.id, fromStatusId: unused.id, toStatusId: status('Afvist').id, label: '' }, admin));
    const moved = value(
      await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: unused.id, comment: '' }, admin),
    ) as { version: number };
    value(await app.dispatch('changeStatus', { id: record.id, version: moved.version, toStatusId: status('Afvist').id, comment: '' }, admin));
    expect(count(app.services.db, 'records', 'status_id = ?', unused.id)).toBe(0);
    expect(await app.dispatch('deleteStatus', { id: unused.id }, admin)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    // A status never used goes.
    const never = await newStatus('Aldrig');
    value(await app.dispatch('deleteStatus', { id: never.id }, admin));
    expect(app.services.workspace.snapshot().statusesById.has(never.id)).toBe(false);
  });

  it('refuses to delete a workflow with records', async () => {
    expect(await app.dispatch('deleteWorkflow', { id: demo(app).workflow.id }, admin)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
  });
});

describe('status action definitions are checked when saved', () => {
  it.each([
    ['set_field', { fieldKey: 'cpr', value: '0101901234' }],
    ['set_field', { fieldKey: 'ukendt', value: 'x' }],
    ['set_field', { fieldKey: 'adresse' }],
    ['assign_responsible', { fieldKey: 'adresse', targetId: 1 }],
    ['assign_responsible', { fieldKey: 'team', targetId: 999 }],
    ['assign_responsible', { fieldKey: 'sagsbehandler', targetId: 999 }],
    ['no_such_type', {}],
  ])('%s %j is refused', async (type, params) => {
    const statusId = demo(app).status('Afvist').id;
    const before = count(app.services.db, 'status_actions');
    const result = await app.dispatch('saveStatusAction', { statusId, type, name: 'x', params, enabled: true, sortOrder: 0 }, admin);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).not.toContain('0101901234');
    expect(count(app.services.db, 'status_actions')).toBe(before);
  });
});
