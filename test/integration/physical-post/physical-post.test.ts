// Physical post as a workflow (issue 14), through the dispatcher with a real
// SQLite file and the Digital Post sandbox over HTTP: an exempt citizen's letter
// goes to "Til print", the "all letters delivered" guard refuses until a
// caseworker marks it as posted, and the letter and a printable proof can be opened.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/app/session';
import { messageById } from '../../../src-main/digital-post/outbox/outbox-repo';
import { createDemoRecord, demo, manualClock, type TestApp, useTestApps, value } from '../helpers/test-app';
import { call } from '../helpers/typed-dispatch';
import { connect, useSandboxes } from '../digital-post/dp-helpers';

const { open } = useTestApps();
const sandbox = useSandboxes();

const EXEMPT_CPR = '3112451118';
const REGISTERED_CPR = '2207924321';
const GUARD = 'all_messages_delivered';

/** pdftotext (poppler) reads what a printed page shows: an independent check of the PDF. */
function pdfText(base64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'proof-'));
  const file = join(dir, 'a.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The demo app with the "Under behandling → Afventer underskrift" transition guarded by "all letters delivered". */
async function setUp() {
  const clock = manualClock(Date.parse('2027-01-15T09:30:00Z'));
  const app = open({ clock, language: 'da' });
  const sim = await sandbox();
  const published = connect(app, sim);
  const d = demo(app);
  const session = d.adminSession();
  const t = d.workflow.transitions.find((x) => x.fromStatusId === d.status('Modtaget').id && x.toStatusId === d.status('Under behandling').id);
  if (!t) throw new Error('demo transition missing');
  value(await call(app, 'saveTransition', { id: t.id, workflowId: d.workflow.id, fromStatusId: t.fromStatusId, toStatusId: t.toStatusId, label: t.label, guards: [GUARD] }, session));
  return { app, sim, clock, published, d, session, target: d.status('Under behandling') };
}

async function writeLetter(app: TestApp, session: Session, recordId: number, subject: string) {
  return value(await call(app, 'sendDigitalPost', { recordId, subject, notification: '', body: 'Kære borger\n\nDu får hermed din afgørelse.', attachments: [], requestId: randomUUID() }, session));
}

describe('physical post', () => {
  it('exempt → Til print → guard refuses → marked posted → guard passes, with Danish texts and an audit trail', async () => {
    const { app, published, d, session, target } = await setUp();
    const record = await createDemoRecord(app, session, { navn: 'Åse Østergård', cpr: EXEMPT_CPR });
    const first = await writeLetter(app, session, record.id, 'Afgørelse om tilskud');
    const second = await writeLetter(app, session, record.id, 'Bilag til afgørelsen');
    expect(first.state).toBe('physical_post');
    expect(first.posted).toBeNull();

    // The caseworker is told in Danish, with the subject for rendering in the reader's language.
    const notices = published.filter((p) => p.kind === 'digital_post_physical_fallback');
    expect(notices).toHaveLength(2);
    expect(notices[0]?.message).toContain('skal sendes med fysisk post');
    expect(notices[0]?.message).toContain('Til print');
    expect(notices[0]?.params).toEqual({ subject: 'Afgørelse om tilskud' });

    const list = value(await call(app, 'getPrintList', {}, session));
    expect(list.waiting.map((m) => m.subject)).toEqual(['Afgørelse om tilskud', 'Bilag til afgørelsen']);
    expect(list.posted).toEqual([]);

    // The guard names both letters waiting for print, in Danish.
    const preview = value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: target.id }, session));
    expect((preview.guardFailures ?? []).map((g) => g.reason)).toEqual([
      'Brevene "Afgørelse om tilskud", "Bilag til afgørelsen" skal sendes med fysisk post og er endnu ikke markeret som afsendt (se "Til print")',
    ]);
    const refused = await call(app, 'changeStatus', { id: record.id, version: record.version, toStatusId: target.id, comment: '' }, session);
    expect(refused).toMatchObject({ ok: false, error: { code: 'guard_failed' } });

    // No proof before it is posted.
    expect(await call(app, 'getProofOfDeliveryPdf', { id: first.id }, session)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Brevet "Afgørelse om tilskud" er endnu ikke markeret som afsendt med fysisk post' },
    });

    // A day in the future and a letter not on the list are refused; nothing is marked.
    expect(await call(app, 'markLettersPosted', { ids: [first.id], postedOn: '16-01-2027' }, session)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', message: 'Afsendelsesdatoen kan ikke ligge i fremtiden' },
    });
    const other = await createDemoRecord(app, session, { navn: 'Bo Berg', cpr: REGISTERED_CPR });
    const digital = await writeLetter(app, session, other.id, 'Digitalt brev');
    expect(await call(app, 'markLettersPosted', { ids: [first.id, digital.id] }, session)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(messageById(app.services.db, first.id)?.posted_on).toBeNull();

    // Marking one leaves the other holding the guard.
    const [marked] = value(await call(app, 'markLettersPosted', { ids: [first.id], postedOn: '15.01.2027' }, session));
    expect(marked?.posted).toMatchObject({ on: '2027-01-15', byName: d.admin.name });
    const stillOne = value(await call(app, 'previewStatusChange', { id: record.id, toStatusId: target.id }, session));
    expect((stillOne.guardFailures ?? []).map((g) => g.reason)).toEqual(['Brevet "Bilag til afgørelsen" skal sendes med fysisk post og er endnu ikke markeret som afsendt (se "Til print")']);
    // A letter already marked cannot be marked again.
    expect(await call(app, 'markLettersPosted', { ids: [first.id] }, session)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Empty date = today (15-01-2027 in Denmark).
    const [today] = value(await call(app, 'markLettersPosted', { ids: [second.id] }, session));
    expect(today?.posted?.on).toBe('2027-01-15');
    expect(value(await call(app, 'getPrintList', {}, session)).waiting).toEqual([]);
    const moved = await call(app, 'changeStatus', { id: record.id, version: record.version, toStatusId: target.id, comment: '' }, session);
    expect(moved.ok).toBe(true);

    const audit = app.services.db.prepare("SELECT user_id, record_id, details FROM audit_log WHERE action = 'digital_post.posted' ORDER BY id").all() as { user_id: number; record_id: number; details: string }[];
    expect(audit.map((a) => [a.user_id, a.record_id, (JSON.parse(a.details) as { postedOn: string }).postedOn])).toEqual([
      [d.admin.id, record.id, '2027-01-15'],
      [d.admin.id, record.id, '2027-01-15'],
    ]);
    expect(messageById(app.services.db, first.id)?.posted_by).toBe(d.admin.id);
  });

  it('opens any letter exactly as stored, audits the opening, and proves delivery in a printable PDF', async () => {
    const { app, sim, d, session } = await setUp();
    const record = await createDemoRecord(app, session, { navn: 'Bo Berg', cpr: REGISTERED_CPR });
    const letter = await writeLetter(app, session, record.id, 'Afgørelse om tilskud');
    // Queued: it can already be opened and printed.
    const queued = value(await call(app, 'getLetterPdf', { id: letter.id, purpose: 'print' }, session));
    expect(queued.fileName).toBe('Afgørelse om tilskud.pdf');
    expect(queued.fileCount).toBe(1);
    expect(pdfText(queued.pdfBase64)).toContain('Du får hermed din afgørelse.');
    // The bytes are the very file in the MeMo message the sandbox received.
    await app.services.digitalPost.sender.sendDue();
    await app.services.digitalPost.sender.pollReceipts();
    const inBox = sim.state.letters.get(letter.messageUuid);
    expect(inBox?.memo.files[0]?.content).toBe(queued.pdfBase64);

    const opened = app.services.db.prepare("SELECT user_id, record_id, details FROM audit_log WHERE action = 'digital_post.letter_opened'").all() as { user_id: number; record_id: number; details: string }[];
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ user_id: d.admin.id, record_id: record.id });
    expect(JSON.parse(opened[0]?.details ?? '{}')).toMatchObject({ messageUuid: letter.messageUuid, purpose: 'print', fileName: 'Afgørelse om tilskud.pdf' });

    const proof = value(await call(app, 'getProofOfDeliveryPdf', { id: letter.id }, session));
    expect(proof.fileName).toBe(`leveringsbevis-${letter.messageUuid}.pdf`);
    const text = pdfText(proof.pdfBase64);
    const row = messageById(app.services.db, letter.id);
    expect(text).toContain('Leveringsbevis');
    expect(text).toContain(letter.messageUuid);
    expect(text).toContain('Leveret i borgerens digitale postkasse');
    expect(text).toContain('Digital Post (sandbox)');
    expect(text).toContain('COMPLETED');
    expect(text).toContain(record.number);
    expect(text).toContain('220792-****');
    expect(text).not.toContain(REGISTERED_CPR);
    expect(text).toContain('15-01-2027 kl. 10:30');
    expect(text.replace(/\s+/g, '')).toContain(row?.memo_sha256);
  });

  it('proves a physical letter with the day it was posted and who posted it', async () => {
    const { app, clock, d, session } = await setUp();
    const record = await createDemoRecord(app, session, { navn: 'Åse Østergård', cpr: EXEMPT_CPR });
    const letter = await writeLetter(app, session, record.id, 'Afgørelse om tilskud');
    clock.advance(3 * 86_400_000);
    value(await call(app, 'markLettersPosted', { ids: [letter.id], postedOn: '16-01-2027' }, session));
    const text = pdfText(value(await call(app, 'getProofOfDeliveryPdf', { id: letter.id }, session)).pdfBase64);
    expect(text).toContain('Sendt med fysisk post');
    expect(text).toMatch(/Afsendt med posten\s+16-01-2027/);
    expect(text).toMatch(new RegExp(`Afsendt af\\s+${d.admin.name}`));
    expect(text).toContain('18-01-2027 kl. 10:30');
    // The JSON evidence says the same.
    const json = JSON.parse(value(await call(app, 'getMessageProof', { id: letter.id }, session)).json) as { physicalPost: unknown };
    expect(json.physicalPost).toMatchObject({ postedOn: '2027-01-16', postedBy: d.admin.name });
  });

  it('puts a letter the access point refuses as NOT_ALLOWED (status actions, mailings) on the same list', async () => {
    const { app, session } = await setUp();
    const q = app.services.digitalPost.outbox.queue({
      recordId: null,
      recipientCpr: EXEMPT_CPR,
      subject: 'Fra en masseudsendelse',
      mainDocument: { fileName: 'brev.pdf', content: new Uint8Array(Buffer.from('%PDF-1.4\n% brev\n%%EOF\n', 'latin1')) },
      idempotencyKey: 'mailing:1:1',
    });
    await app.services.digitalPost.sender.sendDue();
    const list = value(await call(app, 'getPrintList', {}, session));
    expect(list.waiting.map((m) => m.id)).toEqual([q.messageId]);
    expect(value(await call(app, 'getOutbox', {}, session)).toPrint).toBe(1);
  });

  it('refuses a caller who cannot see the record: nobody signed in, a locked screen, the kiosk', async () => {
    const { app, session } = await setUp();
    const record = await createDemoRecord(app, session, { navn: 'Åse Østergård', cpr: EXEMPT_CPR });
    const letter = await writeLetter(app, session, record.id, 'Afgørelse om tilskud');
    const refusedSessions: Session[] = [
      { userId: null },
      { userId: session.userId, locked: true },
      { userId: session.userId, kiosk: { questionnaireId: 1, recordId: null } },
    ];
    for (const s of refusedSessions) {
      for (const [method, input] of [
        ['getLetterPdf', { id: letter.id, purpose: 'view' }],
        ['getProofOfDeliveryPdf', { id: letter.id }],
        ['getPrintList', {}],
        ['markLettersPosted', { ids: [letter.id] }],
      ] as const) {
        const r = await app.dispatch(method, input, s);
        expect(r.ok, `${method} ${JSON.stringify(s)}`).toBe(false);
      }
    }
    expect(app.services.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'digital_post.letter_opened'").pluck().get()).toBe(0);
    expect(messageById(app.services.db, letter.id)?.posted_on).toBeNull();
  });
});
