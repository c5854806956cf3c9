import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The independent checkers of a signed PDF: Debian's pdfsig and pyHanko's
// pdf-signature-report (../shared/tools), trusting the sandbox CA in `dir`/ca.pem.
const REPORT = resolve(process.cwd(), '../shared/tools/pyhanko/pdf-signature-report');

export interface PdfValidation {
  pdfsig: string;
  pyhankoExit: number | null;
  pyhanko: { doc_timestamps: number; has_dss: boolean; signatures: Record<string, unknown>[] };
}

/** Writes the PDF into `dir` and runs both validators on it. */
export function validateSignedPdf(dir: string, bytes: Buffer, name: string): PdfValidation {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const pdfsig = spawnSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' }).stdout;
  const py = spawnSync(REPORT, ['--json', '--trust', join(dir, 'ca.pem'), file], { encoding: 'utf8', timeout: 120_000 });
  return { pdfsig, pyhankoExit: py.status, pyhanko: JSON.parse(py.stdout) as PdfValidation['pyhanko'] };
}
