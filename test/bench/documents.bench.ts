// `npm run bench:documents`: generates a two-page document (letterhead with
// logo, headings, paragraphs and a 30-row table that breaks across the pages
// with its header repeated) from a template and a record, through the same
// DocumentService the DocumentPort uses. BENCH_DOCUMENTS=500 for a quicker run.
// Then what PAdES signing adds per signature (benchSigning below).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { EXAMPLE_LETTER, type TemplateDefinition } from '../../src-main/contract';
import { PDFDocument } from 'pdf-lib';
import { PadesSigner } from '../../src-main/sandbox/signatures/pades-signer';
import { loadOrCreateSandboxPki } from '../../src-main/sandbox/signatures/pki/sandbox-pki';
import { certificatesFromPem, checkSignedPdf } from '../../src-main/signing/signed-pdf-check';
import { peakRssMb, reportLine } from './report-line';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 5000);
const SIGNATURES = Number(process.env.BENCH_SIGNATURES ?? 30);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What PAdES signing adds per signature (issue 12): the sandbox's
 * `addSignature` (an incremental update, CMS, RFC 3161 timestamp) on this
 * two-page document, one after another on the growing file as signatories
 * sign in turn; beside it, in the same run, generating the document itself.
 * Also the close (DSS + document timestamp) and main's own check.
 */
async function benchSigning(pdf: Uint8Array, generateMs: number): Promise<void> {
  const pki = await loadOrCreateSandboxPki(null);
  const signer = new PadesSigner(pki);
  for (let i = 0; i < 3; i += 1) await signer.addSignature(pdf, { name: 'Opvarmning' });
  const perSignature: number[] = [];
  let current: Uint8Array = pdf;
  for (let i = 0; i < SIGNATURES; i += 1) {
    // Two signatories per document, then a fresh document, so the file stays the size a real order has.
    const input = i % 2 === 0 ? pdf : current;
    const start = performance.now();
    current = await signer.addSignature(input, { name: `Underskriver ${i + 1}` });
    perSignature.push(performance.now() - start);
  }
  const finalizeStart = performance.now();
  const closed = await signer.finalize(current);
  const finalizeMs = performance.now() - finalizeStart;
  const checkStart = performance.now();
  const report = await checkSignedPdf(closed, certificatesFromPem(pki.caPem));
  const checkMs = performance.now() - checkStart;
  if (report.problems.length > 0 || report.signatures.length !== 2) throw new Error(`signed bench document failed the check: ${JSON.stringify(report.problems)}`);
  reportLine('documents', 'signing_ms_per_signature', median(perSignature), 'ms', { target: 50, better: 'lower' }, {
    signatures: SIGNATURES,
    mean_ms: Number((perSignature.reduce((a, b) => a + b, 0) / SIGNATURES).toFixed(1)),
    baseline_generate_document_ms: Number(generateMs.toFixed(2)),
  });
  reportLine('documents', 'signing_close_ms', finalizeMs, 'ms', undefined, { app_check_ms: Number(checkMs.toFixed(1)) });
}

export const TWO_PAGE_TEMPLATE: TemplateDefinition = {
  ...EXAMPLE_LETTER,
  title: 'Bevillingsoversigt for {{navn}}',
  blocks: [
    ...EXAMPLE_LETTER.blocks,
    { type: 'heading', level: 2, text: 'Udbetalingsplan' },
    {
      type: 'table',
      columns: [
        { header: 'Måned', width: 2 },
        { header: 'Ydelse', width: 3 },
        { header: 'Beløb', width: 2 },
        { header: 'Sagsbehandler', width: 3 },
      ],
      rows: Array.from({ length: 30 }, (_, i) => [`Måned ${i + 1}`, '{{ansoegningstype}}', '{{beloeb}} kr.', '{{caseworker}}']),
    },
    { type: 'paragraph', text: 'Beløbene udbetales til din NemKonto. Ændringer i din økonomi skal du straks meddele kommunen.' },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'caseworker-documents-bench-'));
try {
  const app = openApp({ dataDir: dir, settings: new MemorySettingsStore({ language: 'da' }), secrets: new EnvSecretStore({}), transport: 'cli' });
  const { services } = app;
  const admin = services.users.listUsers().find((u) => u.isAdmin)!;
  const templateId = services.documents.templates.save({ name: 'To sider', definition: TWO_PAGE_TEMPLATE }, admin.id);
  const recordIds = services.db.prepare('SELECT id FROM records ORDER BY id').pluck().all() as number[];
  const first = services.documents.generate({ templateId, recordId: recordIds[0]!, caseworkerUserId: admin.id });
  const pages = (await PDFDocument.load(first.pdf)).getPageCount();
  if (pages !== 2) throw new Error(`expected a two-page document, got ${pages} pages`);
  for (let i = 0; i < 50; i += 1) services.documents.generate({ templateId, recordId: recordIds[i % recordIds.length]!, caseworkerUserId: admin.id });
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < DOCUMENTS; i += 1) {
    // One record at a time, as the signing request asks for it: read, fill, lay out, write.
    bytes += services.documents.generate({ templateId, recordId: recordIds[i % recordIds.length]!, caseworkerUserId: null }).pdf.length;
  }
  const seconds = (performance.now() - start) / 1000;
  reportLine('documents', 'documents_per_s', DOCUMENTS / seconds, 'documents/s', { target: 500, better: 'higher' }, {
    documents: DOCUMENTS,
    pages,
    avg_pdf_kb: Number((bytes / DOCUMENTS / 1024).toFixed(1)),
  });
  await benchSigning(first.pdf, (seconds * 1000) / DOCUMENTS);
  reportLine('documents', 'peak_rss_mb', peakRssMb(), 'MB');
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
