// Document templates through the dispatcher (validation, preview) and the
// DocumentPort the signing request uses, on a real SQLite file.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LETTER, type DocumentTemplateView, type PreviewPdf, type TemplateDefinition } from '../../src-main/contract';
import { readResource } from '../../src-main/documents/resource-files';
import { demo, useTestApps, value } from './helpers/test-app';

const { open, tempDir } = useTestApps();

const text = (pdf: Uint8Array): string => {
  const file = join(tempDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

const withText = (t: string): TemplateDefinition => ({ ...EXAMPLE_LETTER, blocks: [{ type: 'paragraph', text: t }] });

describe('document templates', () => {
  it('refuses a template with an unknown placeholder, naming it and where it is', async () => {
    const app = open();
    const { adminSession } = demo(app);
    const before = app.services.db.prepare('SELECT count(*) FROM document_templates').pluck().get();
    const result = await app.dispatch('saveDocumentTemplate', { name: 'Fejl', definition: withText('Kære {{fornavn}}') }, adminSession());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation_failed');
    expect(result.error.fieldErrors).toEqual([{ field: 'blocks.0.text', key: 'placeholder_unknown', params: { name: 'fornavn' } }]);
    expect(app.services.db.prepare('SELECT count(*) FROM document_templates').pluck().get()).toBe(before);
  });

  it('lets only an administrator save templates', async () => {
    const app = open();
    const { user } = demo(app);
    const result = await app.dispatch('saveDocumentTemplate', { name: 'Brev', definition: EXAMPLE_LETTER }, { userId: user('Jens Nielsen').id });
    expect(result.ok ? null : result.error.code).toBe('not_allowed');
  });

  it('previews a saved template against a record, with masked CPR, Danish dates and the caseworker', async () => {
    const app = open();
    const { adminSession, admin } = demo(app);
    const saved = value(await app.dispatch('saveDocumentTemplate', { name: 'Afgørelse (kopi)', definition: EXAMPLE_LETTER }, adminSession())) as DocumentTemplateView;
    // A record that names no caseworker: {{caseworker}} is then whoever previews it.
    const record = app.services.db.prepare("SELECT id, number, name, cpr FROM records WHERE cpr IS NOT NULL AND responsible_user_id IS NULL AND id IN (SELECT record_id FROM record_values) ORDER BY id LIMIT 1").get() as { id: number; number: string; name: string; cpr: string };
    const preview = value(await app.dispatch('previewDocument', { templateId: saved.id, recordId: record.id }, adminSession())) as PreviewPdf;
    const pdf = Buffer.from(preview.pdfBase64, 'base64');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(preview.pages);
    const t = text(pdf);
    expect(t).toContain(record.name);
    expect(t).toContain(record.number);
    expect(t).toContain(`${record.cpr.slice(0, 6)}-****`);
    expect(t).not.toContain(record.cpr.slice(6));
    expect(t).toContain(admin.name);
    expect(preview.emptyPlaceholders).not.toContain('caseworker');
    expect(t).toMatch(/Dato: \d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}/);
    expect(preview.fileName).toMatch(/^Afgørelse om .* sag \d{4}-\d{6}\.pdf$/);
  });

  it("names the record's own caseworker before the acting one, and lists the placeholders that come out empty", async () => {
    const app = open();
    const { admin, adminSession } = demo(app);
    const id = app.services.documents.templates.save({ name: 'Kort', definition: withText('Sagsbehandler: {{caseworker}}. Beløb: {{beloeb}}. Bemærkning: {{beskrivelse}}.') }, admin.id);
    const assigned = app.services.db
      .prepare('SELECT r.id, u.name FROM records r JOIN users u ON u.id = r.responsible_user_id WHERE u.id != ? ORDER BY r.id LIMIT 1')
      .get(admin.id) as { id: number; name: string };
    const own = value(await app.dispatch('previewDocument', { templateId: id, recordId: assigned.id }, adminSession())) as PreviewPdf;
    expect(text(Buffer.from(own.pdfBase64, 'base64'))).toContain(`Sagsbehandler: ${assigned.name}.`);
    // A record with no caseworker and no description: the acting caseworker fills in, the description is reported empty.
    const bare = app.services.db.prepare('SELECT id FROM records WHERE responsible_user_id IS NULL ORDER BY id LIMIT 1').pluck().get() as number;
    const preview = value(await app.dispatch('previewDocument', { templateId: id, recordId: bare }, adminSession())) as PreviewPdf;
    expect(text(Buffer.from(preview.pdfBase64, 'base64'))).toContain(`Sagsbehandler: ${admin.name}.`);
    expect(preview.emptyPlaceholders).toEqual(['beskrivelse']);
    // Nobody acting (a job of the system): the caseworker placeholder is empty, and so reported.
    const [record] = app.services.documents.load([bare], null);
    expect(record?.caseworkerName).toBe('');
  });

  it('puts the full CPR only where the template asks for it with |fuld', async () => {
    const app = open();
    const { admin } = demo(app);
    const id = app.services.documents.templates.save({ name: 'Til borgeren', definition: withText('Dit CPR-nummer: {{cpr|fuld}}') }, admin.id);
    const record = app.services.db.prepare('SELECT id, cpr FROM records WHERE cpr IS NOT NULL LIMIT 1').get() as { id: number; cpr: string };
    const doc = app.services.documents.generate({ templateId: id, recordId: record.id, caseworkerUserId: null });
    expect(text(doc.pdf)).toContain(`Dit CPR-nummer: ${record.cpr.slice(0, 6)}-${record.cpr.slice(6)}`);
  });

  it('accepts an uploaded PNG or JPEG logo and refuses bytes that are not an image', async () => {
    const app = open();
    const { adminSession } = demo(app);
    const definition: TemplateDefinition = { ...EXAMPLE_LETTER, letterhead: { ...EXAMPLE_LETTER.letterhead, logo: 'uploaded' } };
    const missing = await app.dispatch('saveDocumentTemplate', { name: 'Logo', definition }, adminSession());
    expect(missing.ok ? null : missing.error.fieldErrors).toEqual([{ field: 'logo', key: 'logo_missing' }]);
    const bad = await app.dispatch('saveDocumentTemplate', { name: 'Logo', definition, logoUpload: { mimeType: 'image/png', base64: Buffer.from('not a png').toString('base64') } }, adminSession());
    expect(bad.ok ? null : bad.error.fieldErrors).toEqual([{ field: 'logo', key: 'logo_invalid' }]);
    // A minimal baseline JPEG (1×1, grey) from its markers.
    const jpeg = Buffer.from(
      'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
      'hex',
    );
    for (const [mimeType, bytes] of [
      ['image/png', Buffer.from(readResource('letterhead-logo.png'))],
      ['image/jpeg', jpeg],
    ] as const) {
      const saved = value(
        await app.dispatch('saveDocumentTemplate', { name: `Logo ${mimeType}`, definition, logoUpload: { mimeType, base64: bytes.toString('base64') } }, adminSession()),
      ) as DocumentTemplateView;
      expect(saved.hasUploadedLogo).toBe(true);
      const record = app.services.db.prepare('SELECT id FROM records LIMIT 1').pluck().get() as number;
      const doc = app.services.documents.generate({ templateId: saved.id, recordId: record, caseworkerUserId: null });
      const file = join(tempDir(), 'logo.pdf');
      writeFileSync(file, doc.pdf);
      const images = execFileSync('/usr/bin/pdfimages', ['-list', file], { encoding: 'utf8' });
      expect(images).toMatch(mimeType === 'image/jpeg' ? /\bjpeg\b/ : /\bimage\b.*\brgb\b/);
      expect((await PDFDocument.load(doc.pdf)).getPageCount()).toBe(1);
    }
  });
});
