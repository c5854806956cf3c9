import { closeSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CsvReportPage, CsvRowError } from '../contract';
import { notFound } from '../shared/domain-error';

/** Reports kept for reading (the latest ones; each is the refused rows of one import). */
const REPORTS_KEPT = 8;
/** Report files in the data folder; any left from an earlier run are removed at start. */
const FILE = /^csv-report-[A-Za-z0-9_-]+\.jsonl$/;

/** One import's refused rows: written as they are found, read page by page. */
export interface ReportWriter {
  add(rows: readonly CsvRowError[]): void;
  /** The rows written so far. */
  readonly count: number;
  /** Done writing: the report can be read (and is kept among the latest REPORTS_KEPT). */
  finish(): void;
  /** The import failed: the report is dropped. */
  discard(): void;
}

interface Report {
  read(offset: number, limit: number): CsvRowError[];
  count: number;
  remove(): void;
}

/**
 * The full reports of CSV imports (every refused row), kept out of the app's
 * memory (issue 13: a file whose every row is refused would otherwise hold
 * ~450,000 row errors for as long as the app runs). With a data folder, each
 * report is a file of JSON lines there (0600, no CPR numbers: line numbers and
 * reason codes), with the byte offset of every line kept for paging; without
 * one (an in-memory store), in memory.
 */
export class CsvReports {
  private readonly reports = new Map<string, Report>();

  constructor(private readonly dir: string | null) {
    if (dir === null) return;
    try {
      for (const name of readdirSync(dir)) if (FILE.test(name)) rmSync(join(dir, name), { force: true });
    } catch {
      // No folder yet: no old reports.
    }
  }

  begin(reportId: string): ReportWriter {
    this.drop(reportId);
    const report = this.dir === null ? memoryReport() : fileReport(join(this.dir, `csv-report-${reportId}.jsonl`));
    return {
      add: (rows) => report.add(rows),
      get count() {
        return report.report.count;
      },
      finish: () => {
        report.close();
        this.reports.set(reportId, report.report);
        while (this.reports.size > REPORTS_KEPT) this.drop(this.reports.keys().next().value as string);
      },
      discard: () => {
        report.close();
        report.report.remove();
      },
    };
  }

  /** A page of a report's refused rows, in file order. */
  page(reportId: string, offset: number, limit: number): CsvReportPage {
    const report = this.reports.get(reportId);
    if (!report) throw notFound('Import report');
    return { total: report.count, offset, rows: report.read(offset, limit) };
  }

  private drop(reportId: string): void {
    this.reports.get(reportId)?.remove();
    this.reports.delete(reportId);
  }
}

function memoryReport(): { add(rows: readonly CsvRowError[]): void; close(): void; report: Report } {
  const all: CsvRowError[] = [];
  const report: Report = { read: (offset, limit) => all.slice(offset, offset + limit), count: 0, remove: () => (all.length = 0) };
  return {
    add: (rows) => {
      for (const row of rows) all.push(row);
      report.count = all.length;
    },
    close: () => {},
    report,
  };
}

function fileReport(file: string): { add(rows: readonly CsvRowError[]): void; close(): void; report: Report } {
  let fd: number | null = openSync(file, 'w', 0o600);
  // Where each row's line starts, and (last) where the file ends: 8 bytes a row instead of the row itself.
  let starts = new Float64Array(1024);
  let count = 0;
  let size = 0;
  const report: Report = {
    count: 0,
    read: (offset, limit) => {
      const end = Math.min(count, offset + limit);
      if (offset >= end) return [];
      const from = starts[offset] as number;
      const bytes = Buffer.alloc((end === count ? size : (starts[end] as number)) - from);
      const reader = openSync(file, 'r');
      try {
        readSync(reader, bytes, 0, bytes.length, from);
      } finally {
        closeSync(reader);
      }
      return bytes
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as CsvRowError);
    },
    remove: () => rmSync(file, { force: true }),
  };
  return {
    add: (rows) => {
      if (fd === null || rows.length === 0) return;
      if (count + rows.length > starts.length) {
        const grown = new Float64Array(Math.max(starts.length * 2, count + rows.length));
        grown.set(starts);
        starts = grown;
      }
      let text = '';
      for (const row of rows) {
        const line = `${JSON.stringify(row)}\n`;
        starts[count] = size;
        count += 1;
        size += Buffer.byteLength(line);
        text += line;
      }
      writeSync(fd, text);
      report.count = count;
    },
    close: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
    report,
  };
}
