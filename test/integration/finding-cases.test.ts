// Finding a case as caseworkers type it (issue 14): by the birth date the list
// shows, by the sequence part of a record number, by either Danish spelling of a
// name; and a search of punctuation alone finds nothing and says so (issue 13).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import { EXAMPLE_LETTER, type RecordPage } from '../../src-main/contract';
import { createDemoRecord, count, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();
let app: TestApp;
let session: Session;

beforeEach(() => {
  app = open({ seedDemo: true });
  session = demo(app).adminSession();
});

const list = async (search: string, extra: Record<string, unknown> = {}): Promise<RecordPage> =>
  value(await app.dispatch('listRecords', { offset: 0, limit: 500, search, ...extra }, session)) as RecordPage;
const ids = async (search: string): Promise<number[]> => (await list(search)).rows.map((r) => r.id);

describe('search by birth date and record number', () => {
  it('finds records by the six digits the list shows before -****', async () => {
    const a = await createDemoRecord(app, session, { navn: 'Birte Dato', cpr: '1903471234' });
    const b = await createDemoRecord(app, session, { navn: 'Bent Dato', cpr: '1903475678' });
    const other = await createDemoRecord(app, session, { navn: 'Anden Dato', cpr: '1803471234' });
    const found = await ids('190347');
    expect(found).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(found).not.toContain(other.id);
    expect((await list('190347')).rows.every((r) => r.cprMasked === '190347-****' || r.id === 190347)).toBe(true);
  });

  it('stores nothing new about CPR numbers for it', async () => {
    const tables = app.services.db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')").pluck().all();
    await createDemoRecord(app, session, { cpr: '1903471234' });
    expect(app.services.db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')").pluck().all()).toEqual(tables);
  });

  it('finds a record by the sequence part of its number (199 for 2026-000199)', async () => {
    const record = await createDemoRecord(app, session, { navn: 'Sekvens Person' });
    const sequence = String(Number(record.number.split('-')[1]));
    expect(record.number.endsWith(sequence.padStart(6, '0'))).toBe(true);
    expect(await ids(sequence)).toEqual([record.id]);
    expect(await ids(sequence.padStart(6, '0'))).toContain(record.id);
  });

  it('a number that is no record finds nothing', async () => {
    expect((await list('9999999')).total).toBe(0);
  });
});

describe('Danish spellings find each other', () => {
  it.each([
    ['aase', 'Åse Holm'],
    ['åse', 'Aase Holm'],
    ['ostergaard', 'Kaj Østergaard'],
    ['oestergaard', 'Kaj Østergård'],
    ['østergaard', 'Kaj Ostergaard'],
    ['soeren', 'Søren Krog'],
    ['braemer', 'Lis Bræmer'],
    ['bræmer', 'Lis Braemer'],
  ])('"%s" finds %s', async (search, name) => {
    const record = await createDemoRecord(app, session, { navn: name });
    expect(await ids(search)).toContain(record.id);
  });

  it('still narrows: "aase" does not find Asger', async () => {
    const asger = await createDemoRecord(app, session, { navn: 'Asger Zqx' });
    expect(await ids('aase zqx')).not.toContain(asger.id);
  });
});

describe('a search of punctuation alone', () => {
  it.each(['-', '...', '"" *', '–'])('%j matches nothing and says so', async (search) => {
    const page = await list(search);
    expect(page.total).toBe(0);
    expect(page.rows).toEqual([]);
    expect(page.searchHasNoWords).toBe(true);
  });

  it('an empty search still lists everything', async () => {
    const page = await list('');
    expect(page.total).toBe(count(app.services.db, 'records'));
    expect(page.searchHasNoWords).toBeUndefined();
  });

  it('a mailing filtered by it selects no one', async () => {
    const templateId = app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, demo(app).admin.id);
    const result = await app.dispatch('createMailing', { name: 'Alle?', templateId, filter: { search: '***' } }, session);
    expect(result.ok ? null : result.error.fieldErrors).toEqual([{ field: 'filter', key: 'mailing_no_records' }]);
  });
});
