// A letter written on a record (the Digital Post compose dialog and the "Send
// Digital Post" action) is printed on the workspace's letterhead: sender and
// recipient blocks, a Danish date, subject, body and the caseworker's signature.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LETTER, type DigitalPostPreview, type MessageView, type RecordDetail } from '../../src-main/contract';
import type { Session } from '../../src-main/app/session';
import { DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema } from '../../src-main/digital-post/settings';
import { createDemoRecord, demo, manualClock, useTestApps, value, type TestApp } from './helpers/test-app';

const { open, tempDir } = useTestApps();

const text = (pdf: Uint8Array): string => {
  const file = join(tempDir(), 'letter.pdf');
  writeFileSync(file, pdf);
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/** 4 December 2026, 09:00 Danish time. */
const clock = () => manualClock(Date.UTC(2026, 11, 4, 8, 0, 0));

const compose = (recordId: number, subject = 'Vi har modtaget din ansøgning') => ({
  recordId,
  subject,
  notification: '',
  body: 'Tak for din ansøgning.\n\nVi vender tilbage inden for 14 dage.',
  attachments: [],
});

async function previewPdf(app: TestApp, recordId: number, session: Session): Promise<Uint8Array> {
  const preview = value(await app.dispatch('previewDigitalPost', compose(recordId), session)) as DigitalPostPreview;
  const main = preview.files.find((f) => f.role === 'main');
  return new Uint8Array(Buffer.from(main?.contentBase64 ?? '', 'base64'));
}

/** The main document of a queued letter, as the outbox will send it (from its MeMo). */
function queuedPdf(app: TestApp, messageId: number): Uint8Array {
  const memo = (app.services.db.prepare('SELECT memo FROM digital_post_messages WHERE id = ?').pluck().get(messageId) as Buffer).toString('utf8');
  const base64 = /<memo:content>([^<]+)<\/memo:content>/.exec(memo)?.[1] ?? '';
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

describe('a letter written on a record', () => {
  it('is printed on the "Afgørelse" letterhead: sender, recipient, Danish date, subject, body and signature; the preview is what is sent', async () => {
    const app = open({ seedDemo: true, clock: clock() });
    const d = demo(app);
    const jens = d.user('Jens Nielsen');
    const session = { userId: jens.id };
    const record = await createDemoRecord(app, d.adminSession(), { navn: 'Åse Æbelø', cpr: '2207924321', adresse: 'Søndergade 4, 8000 Aarhus C' });

    const preview = await previewPdf(app, record.id, session);
    const t = text(preview);
    // Sender block from the letterhead template, recipient block from the record.
    for (const line of ['Aarhus Kommune', 'Borgerservice og Ydelser', 'Rådhuspladsen 2', 'Åse Æbelø', 'Søndergade 4, 8000 Aarhus C']) expect(t).toContain(line);
    expect(t).toContain('Dato: 4. december 2026');
    expect(t).not.toMatch(/2026-12-04/);
    expect(t).toContain('Vi har modtaget din ansøgning');
    expect(t).toContain('Vi vender tilbage inden for 14 dage.');
    // Signed by the caseworker who wrote it.
    expect(t).toMatch(/Med venlig hilsen\s+Jens Nielsen\s+Aarhus Kommune/);
    // The CPR number is not printed (the letter goes to that CPR's mailbox).
    expect(t).not.toContain('4321');
    expect(t).not.toContain('220792');

    const sent = value(await app.dispatch('sendDigitalPost', { ...compose(record.id), requestId: crypto.randomUUID() }, session)) as MessageView;
    expect(Buffer.from(queuedPdf(app, sent.id)).equals(Buffer.from(preview))).toBe(true);
  });

  it('uses the template the administrator chose as letterhead; choosing another un-chooses the first', async () => {
    const app = open({ seedDemo: true, clock: clock() });
    const d = demo(app);
    const templates = app.services.documents.templates;
    const shipped = templates.list().find((t) => t.name === 'Afgørelse');
    expect(shipped?.definition.letterhead.forRecordLetters).toBe(true);
    const ownLetterhead = { ...EXAMPLE_LETTER, letterhead: { ...EXAMPLE_LETTER.letterhead, senderLines: ['Odder Kommune', 'Ældre og Sundhed'], forRecordLetters: true } };
    value(await app.dispatch('saveDocumentTemplate', { name: 'Brevpapir Odder', definition: ownLetterhead }, d.adminSession()));
    expect(templates.list().filter((t) => t.definition.letterhead.forRecordLetters).map((t) => t.name)).toEqual(['Brevpapir Odder']);

    const record = await createDemoRecord(app, d.adminSession(), { navn: 'Karen Holm', cpr: '0101801234' });
    const t = text(await previewPdf(app, record.id, d.adminSession()));
    expect(t).toContain('Odder Kommune');
    expect(t).toContain('Ældre og Sundhed');
    expect(t).not.toContain('Aarhus Kommune');
    expect(t).toMatch(/Med venlig hilsen\s+Mette Jensen\s+Odder Kommune/);
  });

  it("without a chosen letterhead, prints the Digital Post sender name, the citizen's name and the Danish date", async () => {
    const app = open({ seedDemo: true, clock: clock() });
    const d = demo(app);
    const shipped = app.services.documents.templates.list().find((t) => t.name === 'Afgørelse')!;
    const { forRecordLetters: _chosen, ...letterhead } = shipped.definition.letterhead;
    app.services.documents.templates.save({ id: shipped.id, name: shipped.name, definition: { ...shipped.definition, letterhead } }, d.admin.id);
    const settings = app.services.integrationSettings.read(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema);
    app.services.integrationSettings.write(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema, { ...settings, senderLabel: 'Silkeborg Kommune' });

    const record = await createDemoRecord(app, d.adminSession(), { navn: 'Karen Holm', cpr: '0101801234' });
    const t = text(await previewPdf(app, record.id, d.adminSession()));
    expect(t).toContain('Silkeborg Kommune');
    expect(t).toContain('Karen Holm');
    expect(t).toContain('Dato: 4. december 2026');
    expect(t).not.toContain('Aarhus Kommune');
  });

  it('is what the shipped "Send svar med Digital Post" action queues when an inquiry is answered', async () => {
    const app = open({ seedDemo: true, clock: clock() });
    const d = demo(app);
    const ws = app.services.workspace.snapshot();
    const inquiry = ws.workflows.find((w) => w.name === 'Borgerhenvendelse')!;
    const answered = inquiry.statuses.find((s) => s.name === 'Besvaret')!;
    const record = value(await app.dispatch('createRecord', { workflowId: inquiry.id, values: { navn: 'Åse Æbelø', cpr: '2207924321' } }, d.adminSession())) as RecordDetail;
    value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: answered.id, comment: '' }, d.adminSession()));
    await app.services.jobs.runDue();
    const row = app.services.db.prepare('SELECT id, subject FROM digital_post_messages WHERE record_id = ?').get(record.id) as { id: number; subject: string };
    expect(row.subject).toBe('Svar på din henvendelse');
    const t = text(queuedPdf(app, row.id));
    expect(t).toContain('Aarhus Kommune');
    expect(t).toContain('Kære Åse Æbelø');
    expect(t).toContain('Dato: 4. december 2026');
    expect(t).toMatch(/Med venlig hilsen\s+Mette Jensen/);
  });
});
