// Every background loop waits out a full disk, a read-only store or an I/O
// error the same way (store/storage-problems.ts StorageBackoff): growing pauses
// up to a minute, one log line when it starts and one when it is over, no
// attempt counted against the work, and the work done once it can write again.
// The conditions are real (SQLite's query_only gives SQLITE_READONLY) or injected
// at the statement level (faulty-db.ts) for the codes a sick disk gives.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_LETTER } from '../../src-main/contract';
import { messageById } from '../../src-main/digital-post/outbox/outbox-repo';
import { OutboxSender } from '../../src-main/digital-post/sender/outbox-sender';
import type { DeliveryReceipt, DigitalPostTransport, SendOutcome } from '../../src-main/digital-post/transport/transport';
import { NotificationRetention } from '../../src-main/notifications/retention';
import type { Clock } from '../../src-main/shared/clock';
import { isoAt } from '../../src-main/shared/clock';
import { createSigning } from '../../src-main/signing/create-signing';
import type { OrderSnapshot, SignaturesGateway } from '../../src-main/signing/signatures-client';
import { insertSigningRequest, signingRequest } from '../../src-main/signing/signing-request-row';
import { StorageBackoff, storageConditionOf } from '../../src-main/store/storage-problems';
import { faultyDb } from './helpers/faulty-db';
import { createDemoRecord, demo, useTestApps } from './helpers/test-app';
import { FakeDigitalPost, FakeDocuments, FakeNotifications } from './signing/fakes';
import { pdfBytes } from './digital-post/dp-helpers';

const { open } = useTestApps();
/** The app's clock is the faked Date, so leases and due times move with the faked timers. */
const timerClock: Clock = { now: () => Date.now() };

let lines: string[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'Date'] });
  lines = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const letter = (key: string) => ({
  recordId: null,
  recipientCpr: '0101801234',
  subject: 'Afgørelse',
  notification: 'Du har fået svar',
  mainDocument: { fileName: 'afgørelse.pdf', content: pdfBytes() },
  idempotencyKey: key,
});

/** An access point that takes every letter and hands out the receipts it is given until they are acknowledged. */
function fakeAccessPoint(onSend: (uuid: string) => void = () => {}) {
  const sends: string[] = [];
  const receipts: DeliveryReceipt[] = [];
  const acknowledged: string[] = [];
  let polls = 0;
  const transport: DigitalPostTransport = {
    kind: 'fake',
    send: async (m): Promise<SendOutcome> => {
      sends.push(m.messageUuid);
      onSend(m.messageUuid);
      await Promise.resolve();
      return { kind: 'accepted', receipt: { transmissionId: `t-${m.messageUuid}`, messageUuid: m.messageUuid, receiptStatus: 'RECEIVED', timeStamp: isoAt(Date.now()), raw: {} } };
    },
    pollReceipts: async () => {
      polls += 1;
      return receipts.filter((r) => !acknowledged.includes(r.receiptId));
    },
    acknowledge: async (id) => void acknowledged.push(id),
    lookupContact: async () => 'REGISTERED',
    testConnection: async () => ({ ok: true, message: 'ok' }) as never,
    close: () => {},
  };
  return { transport, sends, receipts, acknowledged, polls: () => polls };
}

describe('the shared policy', () => {
  it('knows the conditions of a sick disk and nothing else', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) expect(storageConditionOf({ code })).toBe('full');
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'EROFS']) expect(storageConditionOf({ code })).toBe('read_only');
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'EIO']) expect(storageConditionOf({ code })).toBe('io_error');
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY', 'ECONNRESET', undefined]) expect(storageConditionOf({ code })).toBeNull();
    expect(storageConditionOf(new Error('x'))).toBeNull();
  });

  it('doubles the pause up to the cap, logs once per change of condition, and once when over', () => {
    const log: string[] = [];
    const backoff = new StorageBackoff('the test loop', (l) => log.push(l), 1000, 8000);
    const full = { code: 'SQLITE_FULL' };
    expect([1, 2, 3, 4, 5].map(() => backoff.failed(full))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^the test loop paused: the disk is full/);
    // Another condition starts its own count and says so.
    expect(backoff.failed({ code: 'SQLITE_READONLY' })).toBe(1000);
    expect(log[1]).toMatch(/paused: .*read-only/);
    expect(backoff.failed(new Error('not the disk'))).toBeNull();
    backoff.succeeded();
    backoff.succeeded();
    expect(log).toHaveLength(3);
    expect(log[2]).toMatch(/resumed/);
    expect(backoff.failed(full)).toBe(1000);
  });
});

describe('the Digital Post sender on a full disk', () => {
  it('stops sending when outcomes cannot be written, backs off, and sends each letter again under its UUID', async () => {
    const app = open({ seedDemo: false, clock: timerClock });
    const uuids = Array.from({ length: 6 }, (_, i) => app.services.digitalPost.outbox.queue(letter(`full-${i}`)).messageUuid);
    const faults = faultyDb(app.services.db);
    let trip = true;
    // The disk fills up while the first three letters are on their way.
    const ap = fakeAccessPoint(() => {
      if (trip) faults.fail('SQLITE_FULL');
      trip = false;
    });
    const sender = new OutboxSender(
      { db: faults.db, clock: timerClock, settings: () => ({ ...app.services.digitalPost.settings(), concurrency: 3 }), transport: () => ap.transport, costs: app.services.costs, notifications: new FakeNotifications() },
      { receiptPollMs: 3_600_000 },
    );
    const rounds = vi.spyOn(sender, 'sendDue');
    sender.start();
    await vi.advanceTimersByTimeAsync(120_000);

    // The three in flight went; none after: no letter is posted whose answer cannot be kept.
    expect(ap.sends).toHaveLength(3);
    expect(rounds.mock.calls.length).toBeGreaterThan(2);
    expect(rounds.mock.calls.length).toBeLessThanOrEqual(8);
    expect(lines).toEqual([expect.stringMatching(/^the Digital Post sender paused: the disk is full/)]);
    for (const uuid of uuids) expect(app.services.db.prepare('SELECT attempts FROM digital_post_messages WHERE message_uuid = ?').pluck().get(uuid)).toBe(0);
    // The outbox screen and the CLI show why nothing goes.
    expect(sender.status()).toMatchObject({ paused: true, pauseReason: expect.stringMatching(/disk is full/) });

    faults.fail(null);
    await vi.advanceTimersByTimeAsync(180_000);
    const states = app.services.db.prepare('SELECT state FROM digital_post_messages ORDER BY id').pluck().all();
    expect(states).toEqual(Array(6).fill('accepted'));
    // Sent again under the same messageUUID: six letters, nine posts, no new UUID.
    expect(new Set(ap.sends)).toEqual(new Set(uuids));
    expect(ap.sends).toHaveLength(9);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/Digital Post sender resumed/);
    expect(sender.status().paused).toBe(false);
    expect(lines.join('\n')).not.toContain('0101801234');
    await sender.stop();
  });
});

describe('the receipt poller on a read-only store', () => {
  it('polls with growing pauses, acknowledges nothing it could not store, and applies the receipt after', async () => {
    const app = open({ seedDemo: false, clock: timerClock });
    const queued = app.services.digitalPost.outbox.queue(letter('receipt-1'));
    const ap = fakeAccessPoint();
    const sender = new OutboxSender(
      { db: app.services.db, clock: timerClock, settings: () => app.services.digitalPost.settings(), transport: () => ap.transport, costs: app.services.costs, notifications: new FakeNotifications() },
      { receiptPollMs: 5_000, idleMs: 3_600_000 },
    );
    expect((await sender.sendDue()).sent).toBe(1);
    ap.receipts.push({ receiptId: 'r-1', messageUuid: queued.messageUuid, status: 'delivered', timeStamp: isoAt(Date.now()), raw: {} });

    app.services.db.pragma('query_only = ON');
    sender.start();
    await vi.advanceTimersByTimeAsync(120_000);
    // Every 5 s would be 24 polls; 5, 5, 5, 8, 16, 32, 60 s is at most 7.
    expect(ap.polls()).toBeGreaterThan(2);
    expect(ap.polls()).toBeLessThanOrEqual(7);
    expect(ap.acknowledged).toEqual([]);
    expect(lines.filter((l) => l.includes('receipt poller'))).toEqual([expect.stringMatching(/receipt poller paused: .*read-only/)]);
    expect(messageById(app.services.db, queued.messageId)?.state).toBe('accepted');

    app.services.db.pragma('query_only = OFF');
    await vi.advanceTimersByTimeAsync(65_000);
    expect(messageById(app.services.db, queued.messageId)?.state).toBe('delivered');
    expect(ap.acknowledged).toEqual(['r-1']);
    expect(lines.filter((l) => l.includes('receipt poller'))[1]).toMatch(/receipt poller resumed/);
    await sender.stop();
  });
});

describe('the signing worker on a store with I/O errors', () => {
  it('counts no attempt, backs off, and takes the request on once it can write', async () => {
    const app = open({ clock: timerClock });
    const d = demo(app);
    const record = await createDemoRecord(app, d.adminSession(), { cpr: '0101801234' });
    const templateId = app.services.documents.templates.save({ name: 'Aftale', definition: EXAMPLE_LETTER }, d.admin.id);
    const faults = faultyDb(app.services.db);
    const order = (reference: string): OrderSnapshot => {
      const signatory = { id: 'sig-1', status: 'OPEN' as const, statusReason: null, href: 'https://signatures.example/sign/1', reference };
      return { orderId: 'order-1', status: 'OPEN', expiresAt: '2027-01-01T00:00:00Z', signatory, signatories: [signatory] };
    };
    let created = 0;
    const gateway: SignaturesGateway = {
      createOrder: async (req) => (created++, order(req.reference)),
      findOpenOrderByReference: async () => null,
      getOrder: async () => order('x'),
      closeOrder: async () => {
        throw new Error('not in this test');
      },
      fetchClosedDocument: async () => null,
      cancelOrder: async () => 'CANCELLED',
    };
    const s = app.services;
    const digitalPost = new FakeDigitalPost();
    const { worker } = createSigning({
      db: faults.db, clock: timerClock, events: s.events, costs: s.costs, statusChanges: s.statusChanges, integrationSettings: s.integrationSettings,
      secrets: s.config.secrets, settings: s.config.settings, notifications: new FakeNotifications(), jobs: s.jobs, documents: new FakeDocuments(), digitalPost, gateway,
    });
    const id = insertSigningRequest(s.db, {
      recordId: record.id, jobId: null, idempotencyKey: 'storage-test', templateId, signerCpr: '0101801234', title: 'Aftale', message: '',
      signedStatusId: null, rejectedStatusId: null, expiredStatusId: null, caseworkerUserId: null, now: Date.now(),
    });

    faults.fail('SQLITE_IOERR_WRITE');
    const rounds = vi.spyOn(worker, 'runDue');
    worker.start();
    await vi.advanceTimersByTimeAsync(120_000);
    // Idle looks every 2 s would be 60 rounds.
    expect(rounds.mock.calls.length).toBeGreaterThan(2);
    expect(rounds.mock.calls.length).toBeLessThanOrEqual(8);
    expect(lines).toEqual([expect.stringMatching(/^the signing worker paused: .*input\/output error/)]);
    expect(signingRequest(s.db, id)).toMatchObject({ state: 'requested', attempts: 0, last_error: '' });
    expect(created).toBe(0);

    faults.fail(null);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(signingRequest(s.db, id)?.state).toBe('awaiting_signature');
    expect(created).toBe(1);
    expect(digitalPost.letters).toHaveLength(1);
    expect(lines[1]).toMatch(/signing worker resumed/);
    await worker.stop();
  });
});

describe('the timed-action scheduler and the job runner on a read-only store', () => {
  it('the scheduler backs off with one line and fires the action once it can write', async () => {
    const app = open({ clock: timerClock });
    const session = demo(app).adminSession();
    const { status } = demo(app);
    const saved = await app.dispatch(
      'saveStatusAction',
      {
        statusId: status('Modtaget').id, type: 'set_field', name: 'Påmindelse', params: { fieldKey: 'beskrivelse', value: 'p' }, enabled: true, sortOrder: 9,
        timing: { trigger: 'delay', delayMs: 1_000, delayFrom: 'entered', delayFieldId: null },
      },
      session,
    );
    expect(saved.ok).toBe(true);
    await createDemoRecord(app, session);
    const timedJobs = () => app.services.db.prepare("SELECT count(*) FROM jobs WHERE idempotency_key LIKE 'timed-action:%'").pluck().get() as number;
    vi.advanceTimersByTime(2_000);
    app.services.db.pragma('query_only = ON');
    const rounds = vi.spyOn(app.services.timedActions, 'fireDue');
    app.services.timedActions.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rounds.mock.calls.length).toBeGreaterThan(2);
    expect(rounds.mock.calls.length).toBeLessThanOrEqual(8);
    expect(lines).toEqual([expect.stringMatching(/^the timed-action scheduler paused: .*read-only/)]);
    expect(timedJobs()).toBe(0);

    app.services.db.pragma('query_only = OFF');
    await vi.advanceTimersByTimeAsync(61_000);
    expect(timedJobs()).toBe(1);
    expect(lines[1]).toMatch(/timed-action scheduler resumed/);
    app.services.timedActions.stop();
  });

  it('the job runner counts no attempt against a job while the disk is full', async () => {
    const app = open({ clock: timerClock });
    await createDemoRecord(app, demo(app).adminSession()); // queues the "Send til Visitation" job
    const faults = faultyDb(app.services.db);
    // The job's completion cannot be written, but a small failure record could be:
    // a storage condition must not be counted as the job's failed attempt (it could give the job up).
    const runner = new (app.services.jobs.constructor as new (deps: unknown) => typeof app.services.jobs)({
      ...(app.services.jobs as unknown as { deps: object }).deps,
      db: faults.db,
    });
    faults.fail('SQLITE_FULL', /status = 'succeeded'/);
    runner.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(app.services.db.prepare("SELECT max(attempts) FROM jobs").pluck().get()).toBe(0);
    expect(app.services.db.prepare("SELECT count(*) FROM job_attempts").pluck().get()).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^the job runner paused: the disk is full/)]);
    faults.fail(null);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(app.services.db.prepare("SELECT count(*) FROM jobs WHERE status = 'queued'").pluck().get()).toBe(0);
    await runner.stop();
  });
});

describe('notification retention on a read-only store', () => {
  it('retries with growing pauses instead of six hours later, then keeps its six hours', async () => {
    const app = open({ seedDemo: false, clock: timerClock });
    const retention = new NotificationRetention(app.services.notifications as never, app.services.integrationSettings);
    const runs = vi.spyOn(retention, 'runOnce');
    app.services.db.pragma('query_only = ON');
    retention.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs.mock.calls.length).toBeGreaterThan(2);
    expect(runs.mock.calls.length).toBeLessThanOrEqual(8);
    expect(lines).toEqual([expect.stringMatching(/^notification retention paused: .*read-only/)]);

    app.services.db.pragma('query_only = OFF');
    await vi.advanceTimersByTimeAsync(61_000);
    const after = runs.mock.calls.length;
    expect(lines[1]).toMatch(/notification retention resumed/);
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(runs.mock.calls.length).toBe(after);
    retention.stop();
  });
});
