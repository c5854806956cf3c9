// `npm run bench:documents`: generates a two-page document (letterhead with
// logo, headings, paragraphs and a 30-row table that breaks across the pages
// with its header repeated) from a template and a record, through the same
// DocumentService the DocumentPort uses. BENCH_DOCUMENTS=500 for a quicker run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src-main/app/open-app';
import { EnvSecretStore } from '../../src-main/app/secrets';
import { MemorySettingsStore } from '../../src-main/app/settings';
import { EXAMPLE_LETTER, type TemplateDefinition } from '../../src-main/contract';
import { PDFDocument } from 'pdf-lib';
import { peakRssMb, reportLine } from './report-line';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 5000);

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
  reportLine('documents', 'peak_rss_mb', peakRssMb(), 'MB');
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
