// Mailings on a real SQLite file with a recording DigitalPostPort that stores
// the letters in a table: filter → letters, preview, chunked preparation with
// progress that queues nothing, a separate confirmed send, records without CPR
// skipped, and resuming a send after a crash without queueing any letter twice.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LETTER, type MailingSendSummary, type MailingView, type PreviewPdf } from '../../src-main/contract';
import { MailingService, mailingLetterKey } from '../../src-main/mailings/mailing-service';
import { LETTER_PRICE_ORE, mailingDeps } from './helpers/mailing-deps';
import { recordingDigitalPost } from './helpers/recording-digital-post';
import { demo, useTestApps, value } from './helpers/test-app';

const { open, tempDir } = useTestApps();

function setUp() {
  const app = open();
  const d = demo(app);
  const templateId = app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, d.admin.id);
  return { app, ...d, templateId };
}

describe('mailings', () => {
  it('chooses records by the record-list filter and prepares one personalised letter each', async () => {
    const { app, admin, status, templateId } = setUp();
    const port = recordingDigitalPost(app.services.db);
    const mailings = new MailingService(app.services.db, app.services.documents, port, app.services.clock, mailingDeps(app));
    const statusId = status('Under behandling').id;
    const expected = app.services.db.prepare('SELECT id, name, cpr FROM records WHERE status_id = ? ORDER BY id').all(statusId) as { id: number; name: string; cpr: string }[];
    expect(expected.length).toBeGreaterThan(20);
    const mailing = mailings.create({ name: 'Status-breve', templateId, filter: { statusId } }, admin);
    expect(mailing).toMatchObject({ state: 'draft', total: expected.length, pending: expected.length, queued: 0 });

    const progress: number[] = [];
    const done = await mailings.prepare(mailing.id, admin.id, { chunk: 7, onProgress: (p) => progress.push(p.done) });
    expect(done).toMatchObject({ state: 'prepared', total: expected.length, pending: 0, rendered: expected.length, queued: 0, skipped: 0 });
    // Progress came chunk by chunk and ended at the total.
    expect(progress[0]).toBe(7);
    expect(progress.at(-1)).toBe(expected.length);
    // Preparing is not sending: nothing reached the outbox.
    expect(port.count()).toBe(0);

    const summary = mailings.sendSummary(mailing.id);
    expect(summary).toMatchObject({ letters: expected.length, citizens: new Set(expected.map((r) => r.cpr)).size, physical: 0, costOre: expected.length * LETTER_PRICE_ORE });
    const sent = await mailings.send(mailing.id, summary.fingerprint, admin.id, { chunk: 7 });
    expect(sent).toMatchObject({ state: 'sent', rendered: 0, queued: expected.length });

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
    const mailings = new MailingService(app.services.db, app.services.documents, port, app.services.clock, mailingDeps(app));
    const noCpr = app.services.records.create(workflow.id, { navn: 'Uden Cpr' }, { userId: admin.id, via: 'test' });
    const mailing = mailings.create({ name: 'Søgning', templateId, filter: { search: 'Uden Cpr' } }, admin);
    expect(mailing.total).toBe(1);
    const done = await mailings.prepare(mailing.id, admin.id);
    expect(done).toMatchObject({ skipped: 1, rendered: 0, queued: 0 });
    expect(mailings.sendSummary(mailing.id)).toMatchObject({ letters: 0, skipped: 1, costOre: 0 });
    expect(app.services.db.prepare('SELECT reason FROM mailing_items WHERE record_id = ?').pluck().get(noCpr)).toBe('no_cpr');
    expect(port.count()).toBe(0);
  });

  it('resumes a send after a crash mid-way and queues every letter exactly once', async () => {
    const { app, admin, templateId, workflow } = setUp();
    const db = app.services.db;
    const crashing = recordingDigitalPost(db, { failAfter: 25 });
    const first = new MailingService(db, app.services.documents, crashing, app.services.clock, mailingDeps(app));
    const mailing = first.create({ name: 'Alle', templateId, filter: { workflowId: workflow.id } }, admin);
    await first.prepare(mailing.id, admin.id, { chunk: 10 });
    await expect(first.send(mailing.id, first.sendSummary(mailing.id).fingerprint, admin.id, { chunk: 10 })).rejects.toThrow(/simulated crash/);
    // The chunk in hand rolled back as a whole: 20 letters and 20 queued items, not 25.
    expect(crashing.count()).toBe(20);
    const interrupted = first.view(mailing.id);
    expect(interrupted).toMatchObject({ state: 'sending', running: false, queued: 20, rendered: mailing.total - 20 });

    // "Restart": a new service over the same database sends the rest, after a confirmation of what is left.
    const port = recordingDigitalPost(db);
    const second = new MailingService(db, app.services.documents, port, app.services.clock, mailingDeps(app));
    const rest = second.sendSummary(mailing.id);
    expect(rest.letters).toBe(mailing.total - 20);
    const done = await second.send(mailing.id, rest.fingerprint, admin.id, { chunk: 10 });
    expect(done).toMatchObject({ state: 'sent', pending: 0, rendered: 0, queued: mailing.total });
    expect(port.count()).toBe(mailing.total);
    const keys = db.prepare('SELECT count(DISTINCT idempotency_key) FROM test_outbox').pluck().get();
    expect(keys).toBe(mailing.total);
    // A sent mailing cannot be sent again, and preparing it again queues nothing more.
    const calls = port.calls;
    expect(() => second.send(mailing.id, rest.fingerprint, admin.id)).toThrow(/has been sent/);
    await second.prepare(mailing.id, admin.id);
    expect(port.calls).toBe(calls);
  });

  it('refuses a send whose figures changed since the dialog, and one over the month\'s budget, with nothing queued', async () => {
    const { app, admin, templateId, status } = setUp();
    const port = recordingDigitalPost(app.services.db);
    const mailings = new MailingService(app.services.db, app.services.documents, port, app.services.clock, mailingDeps(app));
    const mailing = mailings.create({ name: 'Afviste', templateId, filter: { statusId: status('Afvist').id } }, admin);
    await mailings.prepare(mailing.id, admin.id);
    const shown = mailings.sendSummary(mailing.id);
    // One letter is skipped after the dialog was shown: the count changed, so the confirmation no longer holds.
    app.services.db.prepare("UPDATE mailing_items SET state = 'skipped', reason = 'no_cpr' WHERE mailing_id = ? AND record_id = (SELECT min(record_id) FROM mailing_items WHERE mailing_id = ?)").run(mailing.id, mailing.id);
    expect(() => mailings.send(mailing.id, shown.fingerprint, admin.id)).toThrow(expect.objectContaining({ code: 'figures_changed' }));
    const fresh = mailings.sendSummary(mailing.id);
    expect(fresh.letters).toBe(shown.letters - 1);
    // A budget one øre short of the cost.
    app.services.budgets.set('digital_post', fresh.costOre - 1, admin.id);
    let refusal: unknown;
    try {
      mailings.send(mailing.id, mailings.sendSummary(mailing.id).fingerprint, admin.id);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'budget_exceeded' });
    expect((refusal as Error).message).toMatch(/^Budgettet for Digital Post i [a-z]+ \d{4} er [\d.]+,\d\d kr\.; brugt 0,00 kr\., reserveret 0,00 kr\., tilbage [\d.]+,\d\d kr\.; denne udsendelse koster [\d.]+,\d\d kr\.$/);
    expect(port.count()).toBe(0);
    expect(mailings.view(mailing.id)).toMatchObject({ state: 'prepared', queued: 0 });
    // Exactly enough left: it goes.
    app.services.budgets.set('digital_post', fresh.costOre, admin.id);
    const sent = await mailings.send(mailing.id, mailings.sendSummary(mailing.id).fingerprint, admin.id);
    expect(sent.queued).toBe(fresh.letters);
    expect(port.count()).toBe(fresh.letters);
  });

  it('works through the dispatcher: create, preview a few, prepare in the background, confirm and send', async () => {
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
    expect(view).toMatchObject({ state: 'prepared', rendered: created.total, queued: 0, pending: 0 });
    const summary = value(await app.dispatch('getMailingSendSummary', { id: created.id }, session)) as MailingSendSummary;
    expect(summary.letters).toBe(created.total);
    const wrong = await app.dispatch('sendMailing', { id: created.id, confirmation: '0'.repeat(64) }, session);
    expect(wrong.ok ? null : wrong.error.code).toBe('figures_changed');
    value(await app.dispatch('sendMailing', { id: created.id, confirmation: summary.fingerprint }, session));
    for (let i = 0; i < 3000 && view.state !== 'sent'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      view = value(await app.dispatch('getMailing', { id: created.id }, session)) as MailingView;
    }
    expect(view).toMatchObject({ state: 'sent', queued: created.total, rendered: 0 });
    const list = value(await app.dispatch('listMailings', {}, session)) as MailingView[];
    expect(list.map((m) => m.id)).toEqual([created.id]);
    const empty = await app.dispatch('createMailing', { name: 'Ingen', templateId, filter: { search: 'zzzzzz' } }, session);
    expect(empty.ok ? null : empty.error.fieldErrors).toEqual([{ field: 'filter', key: 'mailing_no_records' }]);
  });
});
