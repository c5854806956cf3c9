import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** First and last id of records written in one go (inclusive). */
export type IdRange = [number, number];

const FILE = /^csv-import-[A-Za-z0-9_-]+\.json$/;

/**
 * Where a running CSV import notes the ids it has written: one small file per
 * import in the data folder, rewritten inside each write transaction before it
 * commits, and removed when the import ends either way. A file left behind
 * means the app stopped part-way; the next start removes those records, so an
 * import is still all or nothing. Ids only: no personal data.
 */
export class ImportJournal {
  /** `dir` null: no journal (an in-memory store, whose records do not outlive the process anyway). */
  constructor(private readonly dir: string | null) {}

  begin(importId: string): { save(ranges: readonly IdRange[]): void; end(): void } {
    const dir = this.dir;
    if (dir === null) return { save: () => {}, end: () => {} };
    const file = join(dir, `csv-import-${importId}.json`);
    return {
      // Written aside and renamed: the file always holds a whole list, the last one or the one before.
      save: (ranges) => {
        writeFileSync(`${file}.tmp`, JSON.stringify(merged(ranges)), { mode: 0o600 });
        renameSync(`${file}.tmp`, file);
      },
      end: () => rmSync(file, { force: true }),
    };
  }

  /** Removes the records of every import that did not end, then its journal. */
  undoUnfinished(remove: (ranges: IdRange[]) => void): void {
    if (this.dir === null) return;
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => FILE.test(n));
    } catch {
      return;
    }
    for (const name of names) {
      const file = join(this.dir, name);
      const ranges = readRanges(file);
      if (ranges.length) remove(ranges);
      rmSync(file, { force: true });
    }
  }
}

/** Adjacent ranges as one (batches usually follow each other), so the file stays small. */
function merged(ranges: readonly IdRange[]): IdRange[] {
  const out: IdRange[] = [];
  for (const [first, last] of ranges) {
    const previous = out[out.length - 1];
    if (previous && previous[1] + 1 === first) previous[1] = last;
    else out.push([first, last]);
  }
  return out;
}

function readRanges(file: string): IdRange[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (r): r is IdRange => Array.isArray(r) && r.length === 2 && Number.isSafeInteger(r[0]) && Number.isSafeInteger(r[1]) && r[0] <= r[1],
    );
  } catch {
    return [];
  }
}
