import { describe, expect, it } from 'vitest';
import { EXAMPLE_LETTER, type MessageView } from '../../../src-main/contract';
import { allMessagesDeliveredGuard } from '../../../src-main/digital-post/delivered-guard';
import { messageById } from '../../../src-main/digital-post/outbox/outbox-repo';
import { DomainError } from '../../../src-main/shared/domain-error';
import { count, createDemoRecord, demo, manualClock, useTestApps, value } from '../helpers/test-app';
import { connect, pdfBytes, useSandboxes } from './dp-helpers';

const { open, tempDir } = useTestApps();
const sandbox = useSandboxes();

const letter = (key: string, overrides: Record<string, unknown> = {}) => ({
  recordId: null,
  recipientCpr: '0101801234',
  subject: 'Afgørelse',
  notification: 'Du har fået svar',
  mainDocument: { fileName: 'afgørelse.pdf', content: pdfBytes() },
  idempotencyKey: key,
  ...overrides,
});

describe('Digital Post outbox', () => {
  it('queues once per idempotency key, with the MeMo bytes and their SHA-256 fixed', () => {
    const app = open({ seedDemo: false });
    const a = app.services.digitalPost.outbox.queue(letter('k1'));
    const b = app.services.digitalPost.outbox.queue(letter('k1'));
    expect(b).toEqual(a);
    expect(count(app.services.db, 'digital_post_messages')).toBe(1);
    const row = messageById(app.services.db, a.messageId);
    expect(row?.state).toBe('queued');
    expect(row?.memo.toString('utf8')).toContain(`<memo:messageUUID>${a.messageUuid}</memo:messageUUID>`);
    expect(row?.memo_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('queues inside the caller’s transaction: a rollback leaves nothing queued', () => {
    const app = open({ seedDemo: false });
    expect(() =>
      app.services.db.transaction(() => {
        app.services.digitalPost.outbox.queue(letter('k2'));
        throw new Error('caller failed');
      })(),
    ).toThrow('caller failed');
    expect(count(app.services.db, 'digital_post_messages')).toBe(0);
  });

  it('refuses a forbidden attachment name with a clear message and queues nothing', () => {
    const app = open({ seedDemo: false });
    let error: unknown;
    try {
      app.services.digitalPost.outbox.queue(letter('k3', { attachments: [{ fileName: 'bilag:1.pdf', content: pdfBytes() }] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toContain('"bilag:1.pdf"');
    expect((error as DomainError).message).not.toContain('0101801234');
    expect(count(app.services.db, 'digital_post_messages')).toBe(0);
  });

  it('sends to the sandbox once, adds the cost, and reaches delivered with the receipt', async () => {
    const app = open({ seedDemo: false });
    const sim = await sandbox();
    connect(app, sim);
    const q = app.services.digitalPost.outbox.queue(letter('k4'));
    const pass = await app.services.digitalPost.sender.sendDue();
    expect(pass.sent).toBe(1);
    expect(messageById(app.services.db, q.messageId)?.state).toBe('accepted');
    expect(sim.state.letters.get(q.messageUuid)?.posts).toBe(1);
    const costs = app.services.costs.overview();
    expect(costs).toMatchObject([{ kind: 'digital_post', count: 1, amountOre: 20 }]);

    expect(await app.services.digitalPost.sender.pollReceipts()).toBe(1);
    const row = messageById(app.services.db, q.messageId);
    expect(row?.state).toBe('delivered');
    expect(JSON.parse(row?.delivery_receipt ?? '{}')).toMatchObject({ messageUUID: q.messageUuid, receiptStatus: 'COMPLETED' });
    expect(sim.state.receipts.size).toBe(0);
  });

  it('marks an exempt citizen for physical post and tells the caseworker', async () => {
    const app = open({ seedDemo: false });
    const sim = await sandbox();
    const published = connect(app, sim);
    const q = app.services.digitalPost.outbox.queue(letter('k5', { recipientCpr: '3112451118' }));
    await app.services.digitalPost.sender.sendDue();
    expect(messageById(app.services.db, q.messageId)?.state).toBe('physical_post');
    expect(published).toMatchObject([{ kind: 'digital_post_physical_fallback' }]);
    expect(published[0]?.message).not.toMatch(/\d{10}/);
  });

  it('fails an invalid message at once with the server’s field errors, without retrying', async () => {
    const app = open({ seedDemo: false });
    const sim = await sandbox();
    const published = connect(app, sim);
    const q = app.services.digitalPost.outbox.queue(letter('k6'));
    // A message the access point refuses (the builder would never write it): wrong namespace.
    app.services.db
      .prepare('UPDATE digital_post_messages SET memo = CAST(replace(CAST(memo AS TEXT), ?, ?) AS BLOB) WHERE id = ?')
      .run('https://DigitalPost.dk/MeMo-1', 'urn:wrong', q.messageId);
    const pass = await app.services.digitalPost.sender.sendDue();
    expect(pass.failed).toBe(1);
    const row = messageById(app.services.db, q.messageId);
    expect(row?.state).toBe('failed');
    expect(row?.attempts).toBe(1);
    expect(JSON.parse(row?.field_errors ?? '[]')).toEqual([{ resource: 'memo', field: 'Message', code: 'xsd' }]);
    expect(published).toMatchObject([{ kind: 'digital_post_failed' }]);
  });

  it('retries 503 and 429 with growing delays and the same messageUUID, then gets through once', async () => {
    const clock = manualClock();
    const app = open({ seedDemo: false, clock });
    const sim = await sandbox();
    connect(app, sim);
    const q = app.services.digitalPost.outbox.queue(letter('k7'));
    sim.setFaults({ error5xxRate: 1 });
    expect((await app.services.digitalPost.sender.sendDue()).retried).toBe(1);
    const first = messageById(app.services.db, q.messageId);
    expect(first?.state).toBe('queued');
    expect(first?.next_attempt_at).toBeGreaterThan(clock.now());
    // Not due yet: nothing is sent.
    expect((await app.services.digitalPost.sender.sendDue()).retried).toBe(0);
    clock.advance(60_000);
    sim.setFaults({ error5xxRate: 0, rate429: 1, retryAfterSeconds: 120 });
    await app.services.digitalPost.sender.sendDue();
    const second = messageById(app.services.db, q.messageId);
    expect(second?.attempts).toBe(2);
    expect(second?.next_attempt_at).toBeGreaterThanOrEqual(clock.now() + 120_000);
    clock.advance(200_000);
    sim.setFaults({ rate429: 0 });
    expect((await app.services.digitalPost.sender.sendDue()).sent).toBe(1);
    expect(sim.state.letters.size).toBe(1);
    expect(sim.state.letters.get(q.messageUuid)?.posts).toBe(1);
  });

  it('pauses while the access point is unreachable, counts no attempt, and resumes by itself', async () => {
    const app = open({ seedDemo: false });
    const probe = await sandbox();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    app.services.digitalPost.sandboxApiUrl = `http://127.0.0.1:${port}/apis/v1`;
    const q = app.services.digitalPost.outbox.queue(letter('k8'));
    await app.services.digitalPost.sender.sendDue();
    expect(app.services.digitalPost.sender.status().paused).toBe(true);
    expect(messageById(app.services.db, q.messageId)).toMatchObject({ state: 'queued', attempts: 0 });

    // The access point comes back on the same address; the running sender finds it without help.
    const sim = await sandbox(port);
    app.services.digitalPost.start();
    await expect.poll(() => messageById(app.services.db, q.messageId)?.state, { timeout: 60_000 }).toBe('accepted');
    expect(sim.state.letters.get(q.messageUuid)?.posts).toBe(1);
  });

  it('sends a letter from a "Send Digital Post" status action and the guard waits for delivery', async () => {
    const app = open({ seedDemo: true });
    const sim = await sandbox();
    connect(app, sim);
    const { status, adminSession } = demo(app);
    const session = adminSession();
    const target = status('Under behandling');
    app.services.workspace.saveStatusAction({
      statusId: target.id,
      type: 'send_digital_post',
      name: 'Kvittering',
      params: { recipient: { mode: 'field', fieldKey: 'cpr' }, subject: 'Vi har modtaget din sag {{navn}}', notification: '', body: 'Kære {{navn}}\n\nTak.' },
      enabled: true,
      sortOrder: 9,
    });
    const record = await createDemoRecord(app, session, { navn: 'Åse Æbelø', cpr: '2207924321' });
    value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: target.id, comment: '' }, session));
    await app.services.jobs.runDue();
    const messages = value(await app.dispatch('listRecordMessages', { recordId: record.id }, session)) as MessageView[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ subject: 'Vi har modtaget din sag Åse Æbelø', state: 'queued', recipientMasked: '220792-****' });
    const ctx = { db: app.services.db, lang: 'en' as const };
    expect(allMessagesDeliveredGuard.check(record.id, ctx)?.reason).toContain('has not been delivered yet');

    await app.services.digitalPost.sender.sendDue();
    await app.services.digitalPost.sender.pollReceipts();
    expect(allMessagesDeliveredGuard.check(record.id, ctx)).toBeNull();
    const [delivered] = value(await app.dispatch('listRecordMessages', { recordId: record.id }, session)) as MessageView[];
    expect(delivered?.state).toBe('delivered');
    expect(delivered?.readStatus).toBe('not_available');
    expect(delivered?.events.map((e) => e.kind)).toEqual(['queued', 'accepted', 'delivered']);
    const letterInBox = [...sim.state.letters.values()][0];
    expect(letterInBox?.memo.recipientId).toBe('2207924321');
    expect(Buffer.from(letterInBox?.memo.files[0]?.content ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const proof = value(await app.dispatch('getMessageProof', { id: delivered?.id ?? 0 }, session)) as { json: string };
    const evidence = JSON.parse(proof.json) as { sent: { sha256: string }; deliveryReceipt: { receiptStatus: string } };
    const row = messageById(app.services.db, delivered?.id ?? 0);
    const { createHash } = await import('node:crypto');
    expect(evidence.sent.sha256).toBe(createHash('sha256').update(row?.memo ?? Buffer.alloc(0)).digest('hex'));
    expect(evidence.deliveryReceipt.receiptStatus).toBe('COMPLETED');
    expect(proof.json).not.toContain('2207924321');
  });

  it('attaches documents generated from templates with the record’s data to the status action’s letter', async () => {
    const app = open({ seedDemo: true });
    const sim = await sandbox();
    connect(app, sim);
    const { status, adminSession, user } = demo(app);
    const session = adminSession();
    const templateId = app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: { ...EXAMPLE_LETTER, title: 'Afgørelse {{navn}}' } }, user('Mette Jensen').id);
    const target = status('Under behandling');
    app.services.workspace.saveStatusAction({
      statusId: target.id,
      type: 'send_digital_post',
      name: 'Afgørelse med bilag',
      params: { recipient: { mode: 'field', fieldKey: 'cpr' }, subject: 'Din afgørelse', notification: '', body: 'Se bilaget.', attachTemplateIds: [templateId] },
      enabled: true,
      sortOrder: 9,
    });
    const record = await createDemoRecord(app, session, { navn: 'Åse Æbelø', cpr: '2207924321' });
    value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: target.id, comment: '' }, session));
    await app.services.jobs.runDue();
    await app.services.digitalPost.sender.sendDue();
    const letterInBox = [...sim.state.letters.values()][0];
    expect(letterInBox?.memo.files.map((f) => f.document)).toEqual(['main', 'additional']);
    const attachment = Buffer.from(letterInBox?.memo.files[1]?.content ?? '', 'base64');
    const { PDFDocument } = await import('pdf-lib');
    expect((await PDFDocument.load(attachment)).getTitle()).toBe('Afgørelse Åse Æbelø');
  });

  it('keeps the sandbox’s letters and pending receipts across a restart (journal in the data folder)', async () => {
    const { startDigitalPostSandbox } = await import('../../../src-main/sandbox/digital-post/digital-post-simulator');
    const journalFile = `${tempDir()}/sandbox/digital-post.jsonl`;
    const app = open({ seedDemo: false });
    const first = await startDigitalPostSandbox({ port: 0, journalFile });
    first.setFaults({ deliveryDelayMs: 0 });
    connect(app, first);
    const q = app.services.digitalPost.outbox.queue(letter('k9'));
    await app.services.digitalPost.sender.sendDue();
    await first.close();
    const second = await startDigitalPostSandbox({ port: 0, journalFile });
    try {
      connect(app, second);
      expect(second.state.letters.get(q.messageUuid)?.memo.label).toBe('Afgørelse');
      expect(await app.services.digitalPost.sender.pollReceipts()).toBe(1);
      expect(messageById(app.services.db, q.messageId)?.state).toBe('delivered');
      const third = await startDigitalPostSandbox({ port: 0, journalFile });
      expect(third.state.receipts.size).toBe(0);
      await third.close();
    } finally {
      await second.close();
    }
  });
});
