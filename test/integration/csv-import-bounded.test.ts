// The CSV import of issues 13 and 14: files sent in pieces and decoded by the
// one decoder the CLI uses, Danish dates and numbers, duplicate CPR numbers and
// a header row that looks like data flagged before anything is written, a
// summary answer with the full report read in pages, and an import cut off
// part-way undone at the next start.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { CsvImportProgress, CsvImportReport, CsvPreview, CsvReportPage, Result } from '../../src-main/contract';
import { CSV_UPLOAD_PIECE_BYTES } from '../../src-main/contract';
import { CSV_REPORT_FIRST_ERRORS } from '../../src-main/csv-import/csv-import';
import { decodeCsvBytes } from '../../src-main/csv-import/decode-csv';
import { count, csvImportedIds, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open, tempDir } = useTestApps();

let app: TestApp;
let session: Session;
let workflowId: number;

beforeEach(() => {
  app = open({ seedDemo: true });
  session = demo(app).adminSession();
  workflowId = demo(app).workflow.id;
});

/** Sends bytes the way the import screen does: startCsvUpload, then pieces of at most 1 MiB. */
async function upload(bytes: Uint8Array, as: Session = session): Promise<string> {
  const { uploadId } = value(await app.dispatch('startCsvUpload', { size: bytes.length }, as)) as { uploadId: string };
  for (let offset = 0; offset < bytes.length; offset += CSV_UPLOAD_PIECE_BYTES) {
    const data = Buffer.from(bytes.subarray(offset, offset + CSV_UPLOAD_PIECE_BYTES)).toString('base64');
    value(await app.dispatch('appendCsvUpload', { uploadId, offset, data }, as));
  }
  return uploadId;
}

const previewOf = async (input: Record<string, unknown>): Promise<CsvPreview> => value(await app.dispatch('previewCsvImport', input, session)) as CsvPreview;
const runOf = (input: Record<string, unknown>): Promise<Result<unknown>> => app.dispatch('runCsvImport', { workflowId, ...input }, session);

describe('one decoder for the CLI and the import screen', () => {
  const WINDOWS_1252 = Buffer.from('Navn;CPR-nummer\r\nSøren Østergård;010190-1234\r\nÅse Ærø;020290-1234\r\n', 'latin1');

  it('reads an uploaded Windows-1252 file as the CLI reads it: æ, ø and å survive', async () => {
    const uploadId = await upload(WINDOWS_1252);
    const preview = await previewOf({ uploadId });
    expect(preview.encoding).toBe('windows-1252');
    expect(preview.sampleRows.map((r) => r[0])).toEqual(['Søren Østergård', 'Åse Ærø']);
    // The CLI's decoder (read-text-file.ts) is the same function.
    expect(decodeCsvBytes(WINDOWS_1252).text.split('\r\n')[1]?.split(';')[0]).toBe('Søren Østergård');
    const report = value(await runOf({ uploadId, mapping: { Navn: 'navn', 'CPR-nummer': 'cpr' } })) as CsvImportReport;
    expect(report).toMatchObject({ imported: 2, failed: 0, encoding: 'windows-1252' });
    const names = csvImportedIds(app).map((id) => app.services.records.row(id).name);
    expect(names).toEqual(['Søren Østergård', 'Åse Ærø']);
  });

  it('takes a file of several pieces whole, and refuses pieces out of order, from another window, or beyond the size', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `Borger Stykkesen ${i};`);
    const bytes = Buffer.from(`Navn;Note\r\n${rows.join('\r\n')}\r\n`, 'utf8');
    expect(bytes.length).toBeGreaterThan(CSV_UPLOAD_PIECE_BYTES);
    const uploadId = await upload(bytes);
    expect((await previewOf({ uploadId })).rowCount).toBe(60_000);

    const other = value(await app.dispatch('startCsvUpload', { size: 10 }, session)) as { uploadId: string };
    const wrongOffset = await app.dispatch('appendCsvUpload', { uploadId: other.uploadId, offset: 5, data: 'QUJD' }, session);
    expect(wrongOffset.ok ? null : wrongOffset.error.code).toBe('invalid_input');
    const tooLong = await app.dispatch('appendCsvUpload', { uploadId: other.uploadId, offset: 0, data: Buffer.alloc(11).toString('base64') }, session);
    expect(tooLong.ok ? null : tooLong.error.code).toBe('invalid_input');
    const otherWindow = await app.dispatch('appendCsvUpload', { uploadId: other.uploadId, offset: 0, data: 'QUJD' }, { userId: session.userId });
    expect(otherWindow.ok ? null : otherWindow.error.code).toBe('not_found');
    const unfinished = await app.dispatch('previewCsvImport', { uploadId: other.uploadId }, session);
    expect(unfinished.ok ? null : unfinished.error.code).toBe('invalid_input');
  });

  it('an upload is imported once', async () => {
    const uploadId = await upload(Buffer.from('Navn\r\nEngang Importsen\r\n'));
    value(await runOf({ uploadId, mapping: { Navn: 'navn' } }));
    const again = await runOf({ uploadId, mapping: { Navn: 'navn' } });
    expect(again.ok).toBe(false);
    expect(count(app.services.db, 'records', "name = 'Engang Importsen'")).toBe(1);
  });

  it('refuses inline text beyond small files, and both sources at once', async () => {
    const big = await app.dispatch('previewCsvImport', { csv: 'x'.repeat(2_000_001) }, session);
    expect(big.ok ? null : big.error.code).toBe('invalid_input');
    const both = await app.dispatch('previewCsvImport', { csv: 'Navn\nA\n', uploadId: 'a'.repeat(24) }, session);
    expect(both.ok ? null : both.error.code).toBe('invalid_input');
  });
});

describe('Danish formats in a CSV file', () => {
  it('reads dd-mm-åååå, dd.mm.åååå and ISO dates, and 4.500,75 with grouping and a decimal comma', async () => {
    const csv = 'Navn;Frist;Beløb\r\nA Dansk;15-01-2027;4.500,75\r\nB Dansk;01.03.2027;7500,50\r\nC Dansk;2027-02-28;1.234.567\r\nD Dansk;30-02-2027;12x\r\n';
    const report = value(await runOf({ csv, mapping: { Navn: 'navn', Frist: 'frist', Beløb: 'beloeb' } })) as CsvImportReport;
    expect(report.imported).toBe(3);
    expect(report.rowErrors).toEqual([
      {
        line: 5,
        errors: [
          { field: 'frist', key: 'date_invalid' },
          { field: 'beloeb', key: 'number_invalid' },
        ],
      },
    ]);
    const values = csvImportedIds(app).map((id) => app.services.records.maskedValues(id));
    expect(values.map((v) => [v.frist, v.beloeb])).toEqual([
      ['2027-01-15', '4500.75'],
      ['2027-03-01', '7500.50'],
      ['2027-02-28', '1234567'],
    ]);
  });
});

describe('Danish formats in forms (and the kiosk, which saves through the same check)', () => {
  it('a record created with 4.500,75 and 15-01-2027 stores 4500.75 and 2027-01-15', async () => {
    const created = value(
      await app.dispatch('createRecord', { workflowId, values: { navn: 'Form Dansk', beloeb: '4.500,75', frist: '15-01-2027' } }, session),
    ) as { values: Record<string, string | null> };
    expect(created.values).toMatchObject({ beloeb: '4500.75', frist: '2027-01-15' });
  });
});

describe('flagged before anything is written', () => {
  it('duplicate CPR numbers, in the file and against existing records: shown in the preview, the rows left out', async () => {
    const existing = app.services.db.prepare('SELECT cpr FROM records WHERE cpr IS NOT NULL LIMIT 1').pluck().get() as string;
    const csv = [
      'Navn;CPR-nummer',
      'Første Dublet;010190-1234', // line 2: first time, imported
      'Anden Dublet;0101901234', // line 3: the same number written without the dash
      `Findes Allerede;${existing.slice(0, 6)}-${existing.slice(6)}`, // line 4: an existing record's
      'Ny Borger;020290-1234', // line 5
    ].join('\r\n');
    const preview = await previewOf({ csv });
    expect(preview.duplicateCprs).toEqual({ inFile: 1, inFileLines: [3], existing: 1, existingLines: [4], existingChecked: true });
    const before = count(app.services.db, 'records');
    const report = value(await runOf({ csv, mapping: { Navn: 'navn', 'CPR-nummer': 'cpr' } })) as CsvImportReport;
    expect(report.imported).toBe(2);
    expect(report.rowErrors).toEqual([
      { line: 3, errors: [{ field: 'cpr', key: 'cpr_duplicate_in_file' }] },
      { line: 4, errors: [{ field: 'cpr', key: 'cpr_exists' }] },
    ]);
    expect(count(app.services.db, 'records') - before).toBe(2);
    expect(JSON.stringify(preview) + JSON.stringify(report)).not.toContain(existing);
  });

  it('a first row that looks like a citizen is flagged, and can be imported as data', async () => {
    const csv = 'Karen Blixen;170485-1234;karen@example.dk\r\nNiels Bohr;071085-5678;niels@example.dk\r\n';
    const preview = await previewOf({ csv });
    expect(preview.headerLooksLikeData).toHaveLength(2);
    expect(preview.rowCount).toBe(1);
    const asData = await previewOf({ csv, firstRowIsData: true });
    expect(asData).toMatchObject({ headers: ['Kolonne 1', 'Kolonne 2', 'Kolonne 3'], rowCount: 2, headerLooksLikeData: [] });
    const report = value(await runOf({ csv, firstRowIsData: true, mapping: { 'Kolonne 1': 'navn', 'Kolonne 2': 'cpr', 'Kolonne 3': 'email' } })) as CsvImportReport;
    expect(report).toMatchObject({ imported: 2, failed: 0 });
    expect(csvImportedIds(app).map((id) => app.services.records.row(id).name)).toEqual(['Karen Blixen', 'Niels Bohr']);
  });

  it('a real header row is not flagged', async () => {
    expect((await previewOf({ csv: 'Navn;CPR-nummer;Beløb\r\nA;010190-1234;5\r\n' })).headerLooksLikeData).toEqual([]);
  });
});

describe('the answer is a summary', () => {
  it('carries the first refused rows; all of them are read in pages, and the progress says done', async () => {
    const lines = ['Navn;E-mail'];
    for (let i = 0; i < 1500; i += 1) lines.push(i % 3 === 0 ? `Rask Borger ${i};rask${i}@example.dk` : `Syg Borger ${i};ikke-en-mail`);
    const uploadId = await upload(Buffer.from(lines.join('\n')));
    const report = value(await runOf({ uploadId, mapping: { Navn: 'navn', 'E-mail': 'email' } })) as CsvImportReport;
    expect(report.imported).toBe(500);
    expect(report.failed).toBe(1000);
    expect(report.rowErrors).toHaveLength(CSV_REPORT_FIRST_ERRORS);
    const all: number[] = [];
    for (let offset = 0; offset < report.failed; offset += 300) {
      const page = value(await app.dispatch('getCsvImportReport', { reportId: report.reportId, offset, limit: 300 }, session)) as CsvReportPage;
      expect(page.total).toBe(1000);
      all.push(...page.rows.map((r) => r.line));
    }
    expect(all).toHaveLength(1000);
    expect(all.slice(0, 3)).toEqual([3, 4, 6]);
    expect(report.rowErrors.map((r) => r.line)).toEqual(all.slice(0, CSV_REPORT_FIRST_ERRORS));
    const progress = value(await app.dispatch('getCsvImportProgress', { uploadId }, session)) as CsvImportProgress;
    expect(progress).toEqual({ phase: 'done', rowsRead: 1500, rowsToWrite: 500, rowsWritten: 500 });
  });
});

describe('all or nothing, in steps', () => {
  it('a write failing in a later step removes the records of the earlier steps', async () => {
    const { db, records } = app.services;
    const before = { records: count(db, 'records'), history: count(db, 'status_history'), audit: count(db, 'audit_log'), jobs: count(db, 'jobs') };
    const lines = ['Navn'];
    for (let i = 0; i < 2600; i += 1) lines.push(`Trin Borger ${i}`);
    // The second write step fails: the first (its size chosen by write-sizer.ts) is committed by then.
    const original = records.batchWriter.bind(records);
    let steps = 0;
    let committedBefore = 0;
    records.batchWriter = (...args) => {
      steps += 1;
      if (steps === 2) {
        committedBefore = count(db, 'records') - before.records;
        throw new Error('disk trouble');
      }
      return original(...args);
    };
    const result = await runOf({ csv: lines.join('\n'), mapping: { Navn: 'navn' } });
    expect(result.ok).toBe(false);
    expect(steps).toBe(2);
    expect(committedBefore).toBeGreaterThan(0);
    expect(committedBefore).toBeLessThan(2600);
    expect({ records: count(db, 'records'), history: count(db, 'status_history'), audit: count(db, 'audit_log'), jobs: count(db, 'jobs') }).toEqual(before);
    const page = value(await app.dispatch('listRecords', { search: 'Trin Borger', offset: 0, limit: 5 }, session)) as { total: number };
    expect(page.total).toBe(0);
    expect(readdirSync(dirname(db)).filter((n) => n.startsWith('csv-import-'))).toEqual([]);
  });

  it('an import cut off by a crash is undone at the next start, from its journal', async () => {
    const dataDir = tempDir();
    const first = open({ dataDir, seedDemo: true });
    const s = demo(first).adminSession();
    const lines = ['Navn', ...Array.from({ length: 1200 }, (_, i) => `Afbrudt Borger ${i}`)];
    value(await first.dispatch('runCsvImport', { csv: lines.join('\n'), workflowId: demo(first).workflow.id, mapping: { Navn: 'navn' } }, s));
    const ids = csvImportedIds(first);
    expect(ids).toHaveLength(1200);
    const keep = count(first.services.db, 'records') - 1200;
    await first.close();
    // As a crash leaves it: the journal of a running import, naming what it had written.
    writeFileSync(join(dataDir, 'csv-import-crashedimport0000000.json'), JSON.stringify([[ids[0], ids[ids.length - 1]]]));
    const second = open({ dataDir, seedDemo: true });
    expect(count(second.services.db, 'records')).toBe(keep);
    expect(count(second.services.db, 'audit_log', 'record_id >= ?', ids[0])).toBe(0);
    const found = value(await second.dispatch('listRecords', { search: 'Afbrudt', offset: 0, limit: 5 }, demo(second).adminSession())) as { total: number };
    expect(found.total).toBe(0);
    expect(existsSync(join(dataDir, 'csv-import-crashedimport0000000.json'))).toBe(false);
  });
});

function dirname(db: TestApp['services']['db']): string {
  return join(db.name, '..');
}
