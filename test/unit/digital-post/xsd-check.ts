import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The reference copy of the MeMo 1.2 schemas (../shared beside the repository). */
export const REFERENCE_XSD_DIR = resolve(import.meta.dirname, '../../../../shared/reference/memo-1.2');

/**
 * Validates messages with Debian's xmllint (libxml2, an independent checker, not
 * the sandbox's copy) against the reference MeMo_core.xsd; returns the output
 * lines of those that fail (empty: all validate).
 */
export function xmllintFailures(xmls: string[]): string[] {
  if (xmls.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'memo-xsd-'));
  try {
    const files = xmls.map((x, i) => {
      const f = join(dir, `m${i}.xml`);
      writeFileSync(f, x, 'utf8');
      return f;
    });
    const r = spawnSync('xmllint', ['--noout', '--huge', '--schema', join(REFERENCE_XSD_DIR, 'MeMo_core.xsd'), ...files], { encoding: 'utf8' });
    if (r.error) throw r.error;
    const lines = r.stderr.split('\n').filter((l) => l && !l.endsWith(' validates'));
    if (r.status !== 0 && lines.length === 0) throw new Error(`xmllint exited ${r.status}`);
    const validated = r.stderr.split('\n').filter((l) => l.endsWith(' validates')).length;
    if (lines.length === 0 && validated !== xmls.length) throw new Error(`xmllint validated ${validated} of ${xmls.length}`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
