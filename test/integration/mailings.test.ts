// Mailings on a real SQLite file with a recording DigitalPostPort that stores
// the letters in a table: filter → letters, preview, chunked preparation with
// progress, records without CPR skipped, and resuming after a crash without
// queueing any letter twice.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LETTER, type MailingView, type PreviewPdf } from '../../src-main/contract';
import { MailingService, mailingLetterKey } from '../../src-main/mailings/mailing-service';
import { recordingDigitalPost } from './helpers/recording-digital-post';
import { demo, useTestApps, value } from './helpers/test-app';

const { open, tempDir } = useTestApps();

function setUp() {
  const app = open();
  const d = demo(app);
  const templateId = app.services.documents.templates.save({ name: 'Afgørelse', definition: EXAMPLE_LETTER }, d.admin.id);
  return { app, ...d, templateId };
}

describe('mailings', () => {
  it('chooses records by the record-list filter and prepares one personalised letter each', async () => {
    const { app, admin, status, templateId } = setUp();
    const port = recordingDigitalPost(app.services.db);
    const mailings = new MailingService(app.services.db, app.services.documents, port, app.services.clock);
    const statusId = status('Under behandling').id;
    const expected = app.services.db.prepare('SELECT id, name, cpr FROM records WHERE status_id = ? ORDER BY id').all(statusId) as { id: number; name: string; cpr: string }[];
    expect(expected.length).toBeGreaterThan(20);
    const mailing = mailings.create({ name: 'Status-breve', templateId, filter: { statusId } }, admin);
    expect(mailing).toMatchObject({ state: 'draft', total: expected.length, pending: expected.length, queued: 0 });

    const progress: number[] = [];
    const done = await mailings.prepare(mailing.id, admin.id, { chunk: 7, onProgress: (p) => progress.push(p.done) });
    expect(done).toMatchObject({ state: 'prepared', total: expected.length, pending: 0, queued: expected.length, skipped: 0 });
    // Progress came chunk by chunk and ended at the total.
    expect(progress[0]).toBe(7);
    expect(progress.at(-1)).toBe(expected.length);

    const letters = port.letters();
    expect(letters.map((l) => l.recordId)).toEqual(expected.map((r) => r.id));
    const sample = letters[3]!;
    const record = expected[3]!;
    expect(sample.cpr).toBe(record.cpr);
    expect(sample.key).toBe(mailingLetterKey(mailing.id, record.id));
    expect(sample.subject).toMatch(/^Afgørelse om .* – sag \d{4}-\d{6}$/);
    expect((await PDFDocument.load(sample.pdf)).getPageCount()).toBe(1);
    const file = join(tempDir(), 'letter.pdf');
    writeFileSync(file, sample.pdf);
    const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Kære ${record.name}`);
    expect(text).toContain(`${record.cpr.slice(0, 6)}-****`);
  });

  it('skips records without a CPR number and says why', async () => {
    const { app, admin, templateId, workflow } = setUp();
    const port = recordingDigitalPost(app.services.db);
    const mailings = new MailingService(app.services.db, app.services.documents, port, app.services.clock);
    const noCpr = app.services.records.create(workflow.id, { navn: 'Uden Cpr' }, { userId: admin.id, via: 'test' });
    const mailing = mailings.create({ name: 'Søgning', templateId, filter: { search: 'Uden Cpr' } }, admin);
    expect(mailing.total).toBe(1);
    const done = await mailings.prepare(mailing.id, admin.id);
    expect(done).toMatchObject({ skipped: 1, queued: 0 });
    expect(app.services.db.prepare('SELECT reason FROM mailing_items WHERE record_id = ?').pluck().get(noCpr)).toBe('no_cpr');
    expect(port.count()).toBe(0);
  });

  it('resumes after a crash mid-way and queues every letter exactly once', async () => {
    const { app, admin, templateId, workflow } = setUp();
    const db = app.services.db;
    const crashing = recordingDigitalPost(db, { failAfter: 25 });
    const first = new MailingService(db, app.services.documents, crashing, app.services.clock);
    const mailing = first.create({ name: 'Alle', templateId, filter: { workflowId: workflow.id } }, admin);
    await expect(first.prepare(mailing.id, admin.id, { chunk: 10 })).rejects.toThrow(/simulated crash/);
    // The chunk in hand rolled back as a whole: 20 letters and 20 queued items, not 25.
    expect(crashing.count()).toBe(20);
    const interrupted = first.view(mailing.id);
    expect(interrupted).toMatchObject({ state: 'preparing', running: false, queued: 20 });

    // "Restart": a new service over the same database picks up the pending letters.
    const port = recordingDigitalPost(db);
    const second = new MailingService(db, app.services.documents, port, app.services.clock);
    const done = await second.prepare(mailing.id, admin.id, { chunk: 10 });
    expect(done).toMatchObject({ state: 'prepared', pending: 0, queued: mailing.total });
    expect(port.count()).toBe(mailing.total);
    const keys = db.prepare('SELECT count(DISTINCT idempotency_key) FROM test_outbox').pluck().get();
    expect(keys).toBe(mailing.total);
    // Preparing a prepared mailing again queues nothing more.
    const calls = port.calls;
    await second.prepare(mailing.id, admin.id);
    expect(port.calls).toBe(calls);
  });

  it('works through the dispatcher: create, preview a few, prepare in the background and report counts', async () => {
    const { app, adminSession, templateId, status } = setUp();
    const session = adminSession();
    const created = value(await app.dispatch('createMailing', { name: 'Afviste', templateId, filter: { statusId: status('Afvist').id } }, session)) as MailingView;
    const previews = value(await app.dispatch('previewMailing', { id: created.id, count: 3 }, session)) as PreviewPdf[];
    expect(previews).toHaveLength(3);
    for (const p of previews) expect((await PDFDocument.load(Buffer.from(p.pdfBase64, 'base64'))).getPageCount()).toBe(1);
    const started = value(await app.dispatch('prepareMailing', { id: created.id }, session)) as MailingView;
    expect(started.running).toBe(true);
    let view = started;
    for (let i = 0; i < 3000 && view.state !== 'prepared'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      view = value(await app.dispatch('getMailing', { id: created.id }, session)) as MailingView;
    }
    expect(view).toMatchObject({ state: 'prepared', queued: created.total, pending: 0 });
    const list = value(await app.dispatch('listMailings', {}, session)) as MailingView[];
    expect(list.map((m) => m.id)).toEqual([created.id]);
    const empty = await app.dispatch('createMailing', { name: 'Ingen', templateId, filter: { search: 'zzzzzz' } }, session);
    expect(empty.ok ? null : empty.error.fieldErrors).toEqual([{ field: 'filter', key: 'mailing_no_records' }]);
  });
});
