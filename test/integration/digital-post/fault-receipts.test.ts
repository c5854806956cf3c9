// A letter's state is what the access point knows. Through the real sender and
// the sandbox over HTTP: 100 % timeouts, then 100 % connection resets, then
// recovery, with maxAttempts 2. Afterwards every letter in a citizen's mailbox
// is delivered here, none is failed, there are no duplicates by messageUUID or
// by record, and every receipt was stored and acknowledged exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { messageById, type MessageRow } from '../../../src-main/digital-post/outbox/outbox-repo';
import { DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema } from '../../../src-main/digital-post/settings';
import { NgdpTransport } from '../../../src-main/digital-post/transport/ngdp-transport';
import { startDigitalPostSandbox, type RunningDigitalPostSandbox } from '../../../src-main/sandbox/digital-post/digital-post-simulator';
import type { Faults } from '../../../src-main/sandbox/digital-post/faults';
import { count, createDemoRecord, demo, manualClock, useTestApps, type TestApp } from '../helpers/test-app';
import { connect, pdfBytes, useSandboxes } from './dp-helpers';

const { open } = useTestApps();
const sandbox = useSandboxes();
const CPRS = ['0101801234', '1502651235', '2207924321', '0905034562'];
const HOUR = 3_600_000;

/**
 * The client's request timeout is short only where the test needs the client to
 * give up on a held answer (the timeout phase); elsewhere it is the default, so
 * a slow answer on a loaded machine is not taken for a lost one.
 */
function configure(app: TestApp, overrides: Record<string, unknown> = {}) {
  app.services.integrationSettings.write(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema, {
    concurrency: 4,
    requestTimeoutSeconds: 30,
    retryBaseSeconds: 0.01,
    maxAttempts: 2,
    ...overrides,
  });
}

const closeAfter: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closeAfter.length) await closeAfter.pop()?.();
});

/** mulberry32: a small seeded PRNG. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows = (app: TestApp) => app.services.db.prepare('SELECT * FROM digital_post_messages ORDER BY id').all() as MessageRow[];
const states = (app: TestApp) => Object.fromEntries((app.services.db.prepare('SELECT state, count(*) AS n FROM digital_post_messages GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));

describe('Digital Post under lost answers', () => {
  it('timeouts, then resets, then recovery: every letter delivered, none failed, no duplicate, each receipt acknowledged once', async () => {
    const clock = manualClock();
    const app = open({ seedDemo: true, clock });
    // The client gives up after 0.3 s; the sandbox holds an answer 1 s in the timeout phase.
    configure(app, { requestTimeoutSeconds: 0.3 });
    // A seeded random: which lost answers were received first is the same on every run
    // (with this seed some letters are never received before the recovery, so that path is tested too).
    const sim = await startDigitalPostSandbox({ port: 0, random: seeded(7) });
    closeAfter.push(() => sim.close());
    sim.setFaults({ deliveryDelayMs: 0, timeoutHoldMs: 1000 });
    const published = connect(app, sim);
    const { adminSession } = demo(app);
    const session = adminSession();
    const dp = app.services.digitalPost;

    const LETTERS = 16;
    const recordIds: number[] = [];
    for (let i = 0; i < LETTERS; i++) {
      const cpr = CPRS[i % CPRS.length] as string;
      const record = await createDemoRecord(app, session, { navn: `Borger ${i}`, cpr });
      recordIds.push(record.id);
      dp.outbox.queue({ recordId: record.id, recipientCpr: cpr, subject: `Afgørelse ${i}`, mainDocument: { fileName: `afgørelse-${i}.pdf`, content: pdfBytes(`letter ${i}`) }, idempotencyKey: `fault-${i}` });
    }

    const phase = async (faults: Partial<Faults>, passes: number) => {
      sim.setFaults({ timeoutRate: 0, resetRate: 0, ...faults });
      for (let p = 0; p < passes; p++) {
        clock.advance(HOUR);
        await dp.sender.sendDue();
        await dp.sender.pollReceipts();
      }
    };

    // 1. Every answer held until the client gives up (half of the letters are received first, as in real life).
    await phase({ timeoutRate: 1 }, 3);
    let s = states(app);
    expect(s.failed ?? 0).toBe(0);
    expect((s.awaiting_receipt ?? 0) + (s.delivered ?? 0)).toBe(LETTERS);
    expect(s.awaiting_receipt ?? 0).toBeGreaterThan(0);
    expect(Math.min(...rows(app).filter((r) => r.state === 'awaiting_receipt').map((r) => r.attempts))).toBeGreaterThan(2);

    // 2. Every connection reset.
    await phase({ resetRate: 1 }, 3);
    s = states(app);
    expect(s.failed ?? 0).toBe(0);
    expect((s.awaiting_receipt ?? 0) + (s.delivered ?? 0)).toBe(LETTERS);
    expect(s.awaiting_receipt ?? 0).toBeGreaterThan(0);

    // No receipt for a day: the responsible people are told, and the letter is still not called failed.
    const waiting = s.awaiting_receipt ?? 0;
    clock.advance(25 * HOUR);
    expect(dp.sender.notifyOverdue()).toBe(waiting);
    expect(dp.sender.notifyOverdue()).toBe(0);
    expect(published.filter((n) => n.kind === 'digital_post_awaiting_receipt')).toHaveLength(waiting);
    expect(published.filter((n) => n.kind === 'digital_post_failed')).toHaveLength(0);
    expect(states(app).awaiting_receipt ?? 0).toBe(waiting);

    // 3. Recovery.
    await phase({}, 3);
    for (let i = 0; i < 5 && (states(app).delivered ?? 0) < LETTERS; i++) await dp.sender.pollReceipts();

    const all = rows(app);
    expect(states(app)).toEqual({ delivered: LETTERS });
    // Every letter in a citizen's mailbox is shown delivered here.
    const byUuid = new Map(all.map((r) => [r.message_uuid, r]));
    for (const cpr of CPRS) for (const uuid of sim.state.byRecipient.get(cpr) ?? []) expect(byUuid.get(uuid)?.state).toBe('delivered');
    // No duplicates: one letter per messageUUID at the access point, one per record here and there.
    expect(sim.state.letters.size).toBe(LETTERS);
    expect(new Set(sim.state.letters.keys())).toEqual(new Set(byUuid.keys()));
    expect(new Set(all.map((r) => r.record_id)).size).toBe(LETTERS);
    const labels = [...sim.state.letters.values()].map((l) => `${l.memo.recipientId}|${l.memo.label}`);
    expect(new Set(labels).size).toBe(LETTERS);
    // Every receipt stored and acknowledged exactly once.
    expect(sim.state.issuedReceipts.size).toBe(LETTERS);
    expect(sim.state.receipts.size).toBe(0);
    for (const id of sim.state.issuedReceipts) expect(sim.state.deleteCalls.get(id)).toBe(1);
    expect(count(app.services.db, 'digital_post_receipts')).toBe(LETTERS);
    expect(count(app.services.db, 'digital_post_receipts', 'acknowledged_at IS NULL')).toBe(0);
    // One cost entry per letter.
    expect(app.services.costs.overview().reduce((n, l) => n + l.count, 0)).toBe(LETTERS);
    expect(recordIds).toHaveLength(LETTERS);
  }, 120_000);

  it('a delivery receipt is applied whatever the local state, and never acknowledged before it is stored', async () => {
    const app = open({ seedDemo: false });
    configure(app);
    const sim = await sandbox();
    connect(app, sim);
    const dp = app.services.digitalPost;
    const q = dp.outbox.queue({ recordId: null, recipientCpr: CPRS[0] as string, subject: 'Brev', mainDocument: { fileName: 'brev.pdf', content: pdfBytes() }, idempotencyKey: 'r1' });
    await dp.sender.sendDue();
    // The letter was marked failed locally (as the old code did after lost answers).
    app.services.db.prepare("UPDATE digital_post_messages SET state = 'failed', error_code = 'gave_up', cost_ore = NULL WHERE id = ?").run(q.messageId);

    // A crash while applying (here: the cost ledger throws inside the transaction): nothing stored, nothing acknowledged.
    const add = app.services.costs.add.bind(app.services.costs);
    app.services.costs.add = () => {
      throw new Error('crash while applying the receipt');
    };
    await expect(dp.sender.pollReceipts()).rejects.toThrow('crash while applying');
    expect(messageById(app.services.db, q.messageId)?.state).toBe('failed');
    expect(count(app.services.db, 'digital_post_receipts')).toBe(0);
    expect(sim.state.receipts.size).toBe(1);
    expect([...sim.state.deleteCalls.values()]).toEqual([]);

    // The acknowledgement's answer is lost after the commit: stored, acknowledged at the next poll, once.
    app.services.costs.add = add;
    const original = NgdpTransport.prototype.acknowledge;
    NgdpTransport.prototype.acknowledge = () => Promise.reject(new Error('connection reset'));
    try {
      await expect(dp.sender.pollReceipts()).rejects.toThrow('connection reset');
    } finally {
      NgdpTransport.prototype.acknowledge = original;
    }
    const row = messageById(app.services.db, q.messageId);
    expect(row?.state).toBe('delivered');
    expect(row?.cost_ore).toBe(20);
    expect(count(app.services.db, 'digital_post_receipts', 'acknowledged_at IS NULL')).toBe(1);
    expect(sim.state.receipts.size).toBe(1);

    expect(await dp.sender.pollReceipts()).toBe(0);
    expect(count(app.services.db, 'digital_post_receipts', 'acknowledged_at IS NULL')).toBe(0);
    expect(sim.state.receipts.size).toBe(0);
    expect([...sim.state.deleteCalls.values()]).toEqual([1]);
    expect(app.services.costs.overview()).toMatchObject([{ count: 1, amountOre: 20 }]);
  });

  const readings: { receiptIdReading: Faults['receiptIdReading']; receiptPageBase: 0 | 1; duplicateAnswer: Faults['duplicateAnswer'] }[] = [];
  for (const receiptIdReading of ['own', 'messageUUID', 'transmissionId'] as const)
    for (const receiptPageBase of [0, 1] as const) for (const duplicateAnswer of ['receipt', 'bad_request'] as const) readings.push({ receiptIdReading, receiptPageBase, duplicateAnswer });

  it.each(readings)('works with each reading the reference leaves open: receipt id = $receiptIdReading, first page $receiptPageBase, repeated UUID answered by $duplicateAnswer', async (reading) => {
    const clock = manualClock();
    const app = open({ seedDemo: false, clock });
    configure(app);
    // Every POST is received and then its connection reset: the letter is there, the answer lost.
    const sim: RunningDigitalPostSandbox = await startDigitalPostSandbox({ port: 0, random: () => 0.25 });
    try {
      sim.setFaults({ deliveryDelayMs: 0, resetRate: 1, ...reading });
      connect(app, sim);
      const dp = app.services.digitalPost;
      const ids = [0, 1, 2].map(
        (i) => dp.outbox.queue({ recordId: null, recipientCpr: CPRS[i] as string, subject: `Brev ${i}`, mainDocument: { fileName: 'brev.pdf', content: pdfBytes(`${i}`) }, idempotencyKey: `x${i}` }).messageId,
      );
      // No receipt yet: asking for receipts is no error, whichever page comes first.
      expect(await dp.sender.pollReceipts()).toBe(0);
      await dp.sender.sendDue();
      expect(ids.map((id) => messageById(app.services.db, id)?.state)).toEqual(['awaiting_receipt', 'awaiting_receipt', 'awaiting_receipt']);
      // The repeated POST (same messageUUID) is answered as this reading says: already received, not rejected.
      sim.setFaults({ resetRate: 0 });
      clock.advance(HOUR);
      await dp.sender.sendDue();
      expect(ids.map((id) => messageById(app.services.db, id)?.state)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(await dp.sender.pollReceipts()).toBe(3);
      expect(ids.map((id) => messageById(app.services.db, id)?.state)).toEqual(['delivered', 'delivered', 'delivered']);
      expect(sim.state.letters.size).toBe(3);
      for (const id of sim.state.issuedReceipts) expect(sim.state.deleteCalls.get(id)).toBe(1);
      expect(sim.state.issuedReceipts.size).toBe(3);
    } finally {
      await sim.close();
    }
  });
});
