// What the caseworker is shown: one letter per compose request, mailing
// letters counted by their mailing, awaiting-receipt letters said honestly,
// and migration 012 keeping every letter and its timeline.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LETTER, type MailingView, type MessageView } from '../../../src-main/contract';
import { MIGRATIONS, migrate } from '../../../src-main/store/migrations';
import { count, createDemoRecord, demo, manualClock, useTestApps, value } from '../helpers/test-app';
import { connect, useSandboxes } from './dp-helpers';

const { open } = useTestApps();
const sandbox = useSandboxes();
const HOUR = 3_600_000;

describe('Digital Post letter state', () => {
  it('a repeated send from one compose dialog (same request id) queues one letter and returns it', async () => {
    const app = open({ seedDemo: true });
    const session = demo(app).adminSession();
    const record = await createDemoRecord(app, session, { navn: 'Åse Æbelø', cpr: '2207924321' });
    const input = { recordId: record.id, subject: 'Svar', notification: '', body: 'Tak for din henvendelse.', attachments: [], requestId: crypto.randomUUID() };
    const first = value(await app.dispatch('sendDigitalPost', input, session)) as MessageView;
    const again = value(await app.dispatch('sendDigitalPost', input, session)) as MessageView;
    expect(again.id).toBe(first.id);
    expect(again.messageUuid).toBe(first.messageUuid);
    expect(count(app.services.db, 'digital_post_messages')).toBe(1);
    // A new dialog is a new letter; a request without an id is refused.
    const other = value(await app.dispatch('sendDigitalPost', { ...input, requestId: crypto.randomUUID() }, session)) as MessageView;
    expect(other.id).not.toBe(first.id);
    const { requestId: _omit, ...withoutId } = input;
    expect((await app.dispatch('sendDigitalPost', withoutId, session)).ok).toBe(false);
  });

  it('an exempt citizen (found from the real contacts shape) is routed to physical post before anything is sent', async () => {
    const app = open({ seedDemo: true });
    const sim = await sandbox();
    const published = connect(app, sim);
    const session = demo(app).adminSession();
    const record = await createDemoRecord(app, session, { navn: 'Poul Madsen', cpr: '3112451118' });
    const check = value(await app.dispatch('checkDigitalPostExemption', { recordId: record.id }, session)) as { status: string };
    expect(check.status).toBe('EXEMPT');
    const sent = value(
      await app.dispatch('sendDigitalPost', { recordId: record.id, subject: 'Svar', notification: '', body: 'Tekst', attachments: [], requestId: crypto.randomUUID() }, session),
    ) as MessageView;
    expect(sent.state).toBe('physical_post');
    expect(published.map((n) => n.kind)).toContain('digital_post_physical_fallback');
    await app.services.digitalPost.sender.sendDue();
    expect(sim.state.totalPosts).toBe(0);
  });

  it('mailing letters carry their mailing_id and the mailing counts delivered, awaiting and failed from it', async () => {
    const app = open({ seedDemo: true });
    const sim = await sandbox();
    connect(app, sim);
    const d = demo(app);
    const templateId = app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, d.admin.id);
    const mailings = app.services.mailings;
    const mailing = mailings.create({ name: 'Afviste', templateId, filter: { statusId: d.status('Afvist').id } }, d.admin);
    await mailings.prepare(mailing.id, d.admin.id);
    const prepared = await mailings.send(mailing.id, mailings.sendSummary(mailing.id).fingerprint, d.admin.id);
    expect(prepared.queued).toBeGreaterThan(1);
    expect(count(app.services.db, 'digital_post_messages', 'mailing_id = ?', mailing.id)).toBe(prepared.queued);
    expect(prepared.delivery).toEqual({ delivered: 0, awaiting: prepared.queued, failed: 0, physicalPost: 0 });

    await app.services.digitalPost.sender.sendDue();
    await app.services.digitalPost.sender.pollReceipts();
    const after = mailings.view(mailing.id);
    const physical = count(app.services.db, 'digital_post_messages', "mailing_id = ? AND state = 'physical_post'", mailing.id);
    expect(after.delivery).toEqual({ delivered: prepared.queued - physical, awaiting: 0, failed: 0, physicalPost: physical });
    // Through the dispatcher too.
    const viaApi = value(await app.dispatch('getMailing', { id: mailing.id }, d.adminSession())) as MailingView;
    expect(viaApi.delivery.delivered).toBe(prepared.queued - physical);
  });

  it('shows a letter whose answer was lost as awaiting its receipt, with the last attempt and what the app waits for', async () => {
    const clock = manualClock();
    const app = open({ seedDemo: false, clock });
    const sim = await sandbox();
    connect(app, sim);
    app.services.integrationSettings.write('digital_post', (await import('../../../src-main/digital-post/settings')).digitalPostSettingsSchema, { requestTimeoutSeconds: 0.2, maxAttempts: 1 });
    sim.setFaults({ timeoutRate: 1, timeoutHoldMs: 1000 });
    const q = app.services.digitalPost.outbox.queue({
      recordId: null,
      recipientCpr: '0101801234',
      subject: 'Afgørelse',
      mainDocument: { fileName: 'a.pdf', content: new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n')) },
      idempotencyKey: 'lost-1',
    });
    const pass = await app.services.digitalPost.sender.sendDue();
    expect(pass).toMatchObject({ failed: 0, awaiting: 1 });
    const admin = app.services.users.saveUser({ name: 'Admin', initials: 'AD', email: '', isAdmin: true, groupIds: [] });
    const outbox = value(await app.dispatch('getOutbox', {}, { userId: admin.id })) as { counts: Record<string, number>; messages: MessageView[] };
    expect(outbox.counts.awaiting_receipt).toBe(1);
    expect(outbox.counts.failed).toBe(0);
    const m = outbox.messages.find((x) => x.id === q.messageId);
    expect(m).toMatchObject({ state: 'awaiting_receipt', waitingFor: 'receipt', lastAttemptAt: new Date(clock.now()).toISOString() });
    expect(m?.errorText).toContain('the letter awaits its receipt');
    expect(m?.events.map((e) => e.kind)).toEqual(['queued', 'awaiting_receipt']);
    // Sending it again now keeps its UUID and its state.
    const retried = value(await app.dispatch('retryMessage', { id: q.messageId }, { userId: admin.id })) as MessageView;
    expect(retried).toMatchObject({ state: 'awaiting_receipt', messageUuid: q.messageUuid });
    // The time before the caseworker is told is a setting (default 24 h).
    const settings = value(await app.dispatch('getDigitalPostSettings', {}, { userId: admin.id })) as { awaitReceiptHours: number } & Record<string, unknown>;
    expect(settings.awaitReceiptHours).toBe(24);
    const { certificatePasswordSet: _c, sandboxMailboxUrl: _m, apiCredentialSet: _a, sandboxCertificatePath: _p, ...form } = settings;
    value(await app.dispatch('saveDigitalPostSettings', { ...form, awaitReceiptHours: 2 }, { userId: admin.id }));
    clock.advance(HOUR);
    expect(app.services.digitalPost.sender.notifyOverdue()).toBe(0);
    clock.advance(HOUR);
    expect(app.services.digitalPost.sender.notifyOverdue()).toBe(1);
    const told = value(await app.dispatch('getOutbox', {}, { userId: admin.id })) as { messages: MessageView[] };
    expect(told.messages[0]).toMatchObject({ state: 'awaiting_receipt', receiptOverdue: true });
  });

  it('migration 012 keeps every letter and its timeline, and gives mailing letters their mailing_id', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 11));
    db.exec(`
      INSERT INTO digital_post_messages (id, message_uuid, idempotency_key, recipient_cpr, subject, files, memo, memo_sha256, memo_bytes, state, next_attempt_at, created_at)
        VALUES (1, 'u1', 'k1', '0101801234', 'A', '[]', x'00', 'h', 1, 'failed', 0, 'x'), (2, 'u2', 'mailing:5:record:9', '0101801234', 'B', '[]', x'00', 'h', 1, 'accepted', 0, 'x');
      INSERT INTO digital_post_events (message_id, at, kind, detail) VALUES (1, 'x', 'queued', ''), (1, 'y', 'failed', 'gave_up'), (2, 'x', 'queued', '');
      INSERT INTO document_templates (id, name, definition, created_at, updated_at) VALUES (1, 'T', '{}', 'x', 'x');
      INSERT INTO mailings (id, name, template_id, filter, state, created_at) VALUES (5, 'M', 1, '{}', 'prepared', 'x');
      INSERT INTO workflows (id, name) VALUES (1, 'W'); INSERT INTO statuses (id, workflow_id, name) VALUES (1, 1, 'S');
      INSERT INTO records (id, number, workflow_id, status_id, name, name_key, created_at, updated_at) VALUES (9, 'n', 1, 1, 'N', 'n', 'x', 'x');
      INSERT INTO mailing_items (mailing_id, record_id, state, message_id) VALUES (5, 9, 'queued', 2);
    `);
    migrate(db);
    expect(db.prepare('SELECT id, state, mailing_id FROM digital_post_messages ORDER BY id').all()).toEqual([
      { id: 1, state: 'failed', mailing_id: null },
      { id: 2, state: 'accepted', mailing_id: 5 },
    ]);
    expect(db.prepare('SELECT message_id, kind FROM digital_post_events ORDER BY id').all()).toEqual([
      { message_id: 1, kind: 'queued' },
      { message_id: 1, kind: 'failed' },
      { message_id: 2, kind: 'queued' },
    ]);
    db.prepare("UPDATE digital_post_messages SET state = 'awaiting_receipt' WHERE id = 1").run();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
