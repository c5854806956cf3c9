// Issue 13, bounded work: an import's full report (every refused row) is kept
// in a file in the data folder, not in the app's memory; its transactions are
// sized by time but never larger than their bound; refused rows carry no CPR.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CsvImportReport, CsvReportPage } from '../../src-main/contract';
import { WRITE_ROWS } from '../../src-main/csv-import/csv-import';
import { demo, useTestApps, value } from './helpers/test-app';

const { open, tempDir } = useTestApps();

const reportFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('csv-report-'));

/** `n` rows with valid CPR numbers; every third has a bad e-mail address, every tenth repeats the row before's CPR. */
function csvWithRefusals(n: number): string {
  const lines = ['Navn;CPR-nummer;E-mail'];
  for (let i = 0; i < n; i += 1) {
    const serial = i % 10 === 9 ? i - 1 : i;
    const cpr = `0101${String(50 + Math.floor(serial / 9000)).padStart(2, '0')}-${String(1000 + (serial % 9000)).padStart(4, '0')}`;
    lines.push(`Rapport Borger ${i};${cpr};${i % 3 === 0 ? 'ikke-en-mail' : `b${i}@example.dk`}`);
  }
  return lines.join('\r\n');
}

describe('the full report of an import', () => {
  it('is a 0600 file in the data folder holding every refused row without CPR numbers, read in pages', async () => {
    const dataDir = tempDir();
    const app = open({ dataDir, seedDemo: true });
    const session = demo(app).adminSession();
    const csv = csvWithRefusals(3000);
    const report = value(
      await app.dispatch('runCsvImport', { csv, workflowId: demo(app).workflow.id, mapping: { Navn: 'navn', 'CPR-nummer': 'cpr', 'E-mail': 'email' } }, session),
    ) as CsvImportReport;
    // Lines are 2…3001; row i is refused for its e-mail (i % 3 == 0) or as a repeated CPR (i % 10 == 9)
    // when the row before, whose CPR number it repeats, was taken.
    const expected = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 === 0 || (i % 10 === 9 && (i - 1) % 3 !== 0));
    expect(report.failed).toBe(expected.length);
    expect(report.imported).toBe(3000 - expected.length);

    const [file, ...others] = reportFiles(dataDir);
    expect(others).toEqual([]);
    expect(statSync(join(dataDir, file as string)).mode & 0o777).toBe(0o600);
    const text = readFileSync(join(dataDir, file as string), 'utf8');
    expect(text).not.toMatch(/\d{6}-?\d{4}/);

    const lines: number[] = [];
    for (let offset = 0; offset < report.failed + 10; offset += 333) {
      const page = value(await app.dispatch('getCsvImportReport', { reportId: report.reportId, offset, limit: 333 }, session)) as CsvReportPage;
      expect(page.total).toBe(expected.length);
      lines.push(...page.rows.map((r) => r.line));
    }
    expect(lines).toEqual(expected.map((i) => i + 2));
    const row29 = value(await app.dispatch('getCsvImportReport', { reportId: report.reportId, offset: 10, limit: 1 }, session)) as CsvReportPage;
    // Row 29 (line 31): its CPR number is row 28's.
    expect(row29.rows).toEqual([{ line: 31, errors: [{ field: 'cpr', key: 'cpr_duplicate_in_file' }] }]);
  });

  it('keeps the latest 8 reports, removes older ones and their files, and leaves none from an earlier run', async () => {
    const dataDir = tempDir();
    const app = open({ dataDir, seedDemo: true });
    const session = demo(app).adminSession();
    const ids: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      const csv = `Navn;E-mail\r\nBorger ${i};ikke-en-mail\r\n`;
      const report = value(await app.dispatch('runCsvImport', { csv, workflowId: demo(app).workflow.id, mapping: { Navn: 'navn', 'E-mail': 'email' } }, session)) as CsvImportReport;
      ids.push(report.reportId);
    }
    expect(reportFiles(dataDir)).toHaveLength(8);
    const oldest = await app.dispatch('getCsvImportReport', { reportId: ids[0] as string, offset: 0, limit: 10 }, session);
    expect(oldest.ok ? null : oldest.error.code).toBe('not_found');
    const latest = value(await app.dispatch('getCsvImportReport', { reportId: ids[8] as string, offset: 0, limit: 10 }, session)) as CsvReportPage;
    expect(latest.rows).toEqual([{ line: 2, errors: [{ field: 'email', key: 'email_invalid' }] }]);
    await app.close();
    writeFileSync(join(dataDir, 'csv-report-leftover.jsonl'), '{"line":2,"errors":[]}\n');
    open({ dataDir, seedDemo: true });
    expect(reportFiles(dataDir)).toEqual([]);
  });

  it('a failed import leaves no report file', async () => {
    const dataDir = tempDir();
    const app = open({ dataDir, seedDemo: true });
    const { records } = app.services;
    records.batchWriter = () => {
      throw new Error('disk trouble');
    };
    const csv = `Navn;E-mail\r\n${Array.from({ length: 50 }, (_, i) => `Fejl Borger ${i};${i % 2 ? 'x' : 'a@b.dk'}`).join('\r\n')}`;
    const result = await app.dispatch('runCsvImport', { csv, workflowId: demo(app).workflow.id, mapping: { Navn: 'navn', 'E-mail': 'email' } }, demo(app).adminSession());
    expect(result.ok).toBe(false);
    expect(reportFiles(dataDir)).toEqual([]);
  });
});

describe('write transactions sized by time', () => {
  it('writes every row, in transactions of at most the bound, more than one for a large file', async () => {
    const app = open({ seedDemo: true });
    const { records } = app.services;
    const original = records.batchWriter.bind(records);
    const sizes: number[] = [];
    records.batchWriter = (...args) => {
      const writer = original(...args);
      const finish = writer.finish.bind(writer);
      writer.finish = () => {
        const ids = finish();
        sizes.push(ids.length);
        return ids;
      };
      return writer;
    };
    const n = 2 * WRITE_ROWS.max + 1234;
    const csv = `Navn\n${Array.from({ length: n }, (_, i) => `Stor Borger ${i}`).join('\n')}`;
    const report = value(await app.dispatch('runCsvImport', { csv, workflowId: demo(app).workflow.id, mapping: { Navn: 'navn' } }, demo(app).adminSession())) as CsvImportReport;
    expect(report.imported).toBe(n);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(WRITE_ROWS.max);
  });
});
