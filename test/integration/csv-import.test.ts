import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { CsvImportReport, CsvPreview } from '../../src-main/contract';
import { count, demo, type TestApp, useTestApps, value, csvImportedIds } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let session: Session;
let workflowId: number;

beforeEach(() => {
  app = open({ seedDemo: true });
  session = demo(app).adminSession();
  workflowId = demo(app).workflow.id;
});

const run = (csv: string, mapping: Record<string, string>) => app.dispatch('runCsvImport', { csv, workflowId, mapping }, session);
const tableCounts = () => {
  const n = (table: string) => count(app.services.db, table);
  return { records: n('records'), record_values: n('record_values'), status_history: n('status_history'), audit_log: n('audit_log'), jobs: n('jobs') };
};

const MAPPING = { Navn: 'navn', CPR: 'cpr', 'E-mail': 'email', Beløb: 'beloeb', Note: 'beskrivelse', Bevilget: 'bevilget' };

describe('CSV import', () => {
  it('imports the good rows of a semicolon file with a BOM and reports the bad ones by line, field and key', async () => {
    const csv =
      '\uFEFFNavn;CPR;E-mail;Beløb;Note;Bevilget\r\n' +
      'Karen Blixen;170485-1234;karen@example.dk;1250,50;"første linje\r\nanden linje";ja\r\n' + // line 2–3
      'Forkert Dato;300201-1234;x@example.dk;10;;nej\r\n' + // line 4: CPR not a date
      'Niels Bohr;071085-5678;niels@example.dk;7;"en\nto\ntre";\r\n' + // line 5–7
      ';;;;;\r\n' + // line 8: navn missing (required)
      'To Fejl;;ikke-en-mail;12x;;\r\n' + // line 9: two bad fields
      'H.C. Andersen;;hc@example.dk;;"""citat""";Nej\r\n'; // line 10
    const before = tableCounts();
    const report = value(await run(csv, MAPPING)) as CsvImportReport;
    expect(report.imported).toBe(3);
    expect(report.failed).toBe(3);
    expect(report.rowErrors).toEqual([
      { line: 4, errors: [{ field: 'cpr', key: 'cpr_invalid_date' }] },
      { line: 8, errors: [{ field: 'navn', key: 'required' }] },
      {
        line: 9,
        errors: expect.arrayContaining([
          { field: 'email', key: 'email_invalid' },
          { field: 'beloeb', key: 'number_invalid' },
        ]),
      },
    ]);
    expect(report.rowErrors[2]?.errors).toHaveLength(2);
    expect(JSON.stringify(report)).not.toMatch(/3002011234|300201-1234/);

    // Exactly the good rows' records and values were written, nothing of the bad ones.
    const after = tableCounts();
    expect(after.records - before.records).toBe(3);
    expect(after.status_history - before.status_history).toBe(3);
    const [karen, niels, hc] = csvImportedIds(app);
    const values = (id: number | undefined) => app.services.records.maskedValues(id ?? -1);
    expect(values(karen)).toEqual({
      navn: 'Karen Blixen',
      cpr: '170485-****',
      email: 'karen@example.dk',
      beloeb: '1250.50',
      beskrivelse: 'første linje\r\nanden linje',
      bevilget: 'true',
    });
    expect(values(niels)).toMatchObject({ navn: 'Niels Bohr', beskrivelse: 'en\nto\ntre' });
    expect(values(niels)).not.toHaveProperty('bevilget');
    expect(values(hc)).toMatchObject({ navn: 'H.C. Andersen', beskrivelse: '"citat"', bevilget: 'false' });
    expect(after.record_values - before.record_values).toBe(6 + 5 + 4);
    const badNames = ['Forkert Dato', 'To Fejl'];
    for (const name of badNames) expect(count(app.services.db, 'records', 'name = ?', name)).toBe(0);
    // Imported records start in the initial status and are audited as a CSV import.
    const audit = app.services.db.prepare("SELECT details FROM audit_log WHERE record_id = ? AND action = 'record.created'").pluck().get(karen);
    expect(JSON.parse(audit as string)).toEqual({ via: 'csv import' });
  });

  it.each([',', ';', '\t'])('reads a two-column file separated by %j', async (sep) => {
    const csv = ['Navn', 'E-mail'].join(sep) + '\n' + ['Anna', 'anna@example.dk'].join(sep) + '\n' + ['Bo', 'bo@'].join(sep) + '\n';
    const report = value(await run(csv, { Navn: 'navn', 'E-mail': 'email' })) as CsvImportReport;
    expect(report).toMatchObject({ imported: 1, failed: 1, rowErrors: [{ line: 3, errors: [{ field: 'email', key: 'email_invalid' }] }] });
  });

  it('names caseworkers and groups as a spreadsheet does, and refuses a name two people share', async () => {
    const d = demo(app);
    // A second "Jens Nielsen": his name alone no longer says who is meant.
    const otherJens = app.services.users.saveUser({ name: 'Jens Nielsen', initials: 'JNI', email: 'jens.n@kommune.example', isAdmin: false, groupIds: [] });
    const csv = [
      'Navn;Sagsbehandler;Team',
      'Ida Initialer;MJ;visitation',
      'Erik Email;ANNE.SOERENSEN@kommune.example;Økonomi',
      'Nina Navn;Lars Pedersen;' + d.group('Sagsbehandling').id,
      'Ole Tvetydig;Jens Nielsen;',
      'Ulla Ukendt;Ukendt Person;Ukendt gruppe',
      'Jonas Initialer;jni;',
    ].join('\n');
    const report = value(await run(csv, { Navn: 'navn', Sagsbehandler: 'sagsbehandler', Team: 'team' })) as CsvImportReport;
    expect(report.rowErrors).toEqual([
      { line: 5, errors: [{ field: 'sagsbehandler', key: 'user_ambiguous' }] },
      { line: 6, errors: [{ field: 'sagsbehandler', key: 'user_unknown' }, { field: 'team', key: 'group_unknown' }] },
    ]);
    const responsible = csvImportedIds(app).map((id) => {
      const row = app.services.records.row(id);
      return [row.name, row.responsible_user_id, row.responsible_group_id];
    });
    expect(responsible).toEqual([
      ['Ida Initialer', d.user('Mette Jensen').id, d.group('Visitation').id],
      ['Erik Email', d.user('Anne Sørensen').id, d.group('Økonomi').id],
      ['Nina Navn', d.user('Lars Pedersen').id, d.group('Sagsbehandling').id],
      ['Jonas Initialer', otherJens.id, null],
    ]);
  });

  it('checks required fields that are not mapped', async () => {
    const report = value(await run('E-mail\nanna@example.dk\n', { 'E-mail': 'email' })) as CsvImportReport;
    expect(report).toMatchObject({ imported: 0, failed: 1, rowErrors: [{ line: 2, errors: [{ field: 'navn', key: 'required' }] }] });
  });

  it.each([
    ['an unknown column', { Navn: 'navn', Mangler: 'email' }],
    ['an unknown field', { Navn: 'findes_ikke' }],
    ['no mapping at all', {}],
  ])('refuses %s and imports nothing', async (_name, mapping) => {
    const before = tableCounts();
    const result = await run('Navn;E-mail\nAnna;anna@example.dk\n', mapping);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(tableCounts()).toEqual(before);
  });

  it('refuses an empty file', async () => {
    expect(await run('', { Navn: 'navn' })).toMatchObject({ ok: false, error: { code: 'import_failed' } });
  });

  it('previews headers, a sample, the row count and a suggested mapping by key or label', async () => {
    const csv = 'Navn;CPR-nummer;E-mail;Ukendt kolonne\n' + Array.from({ length: 7 }, (_v, i) => `P${i};;p${i}@x.dk;z`).join('\n');
    const preview = value(await app.dispatch('previewCsvImport', { csv }, session)) as CsvPreview;
    expect(preview.headers).toEqual(['Navn', 'CPR-nummer', 'E-mail', 'Ukendt kolonne']);
    expect(preview.rowCount).toBe(7);
    expect(preview.sampleRows).toHaveLength(5);
    expect(preview.sampleRows[0]).toEqual(['P0', '', 'p0@x.dk', 'z']);
    expect(preview.suggestedMapping).toEqual({ Navn: 'navn', 'CPR-nummer': 'cpr', 'E-mail': 'email' });
  });
});
