import type { CostLedger } from '../../costs/cost-ledger';
import type { EventBus } from '../../events/event-bus';
import type { NotificationPort } from '../../notifications/notification-port';
import type { Clock } from '../../shared/clock';
import { isoAt } from '../../shared/clock';
import type { Db } from '../../store/database';
import { preparedOnce } from '../../store/statement-cache';
import { addEvent, claimDue, hasAccepted, messageByUuid, nextDueAt, release, releaseInterrupted, type ClaimedMessage } from '../outbox/outbox-repo';
import { priceOre, type DigitalPostSettings } from '../settings';
import type { DeliveryReceipt, DigitalPostTransport, SendOutcome } from '../transport/transport';

export interface SenderDeps {
  db: Db;
  clock: Clock;
  settings: () => DigitalPostSettings;
  /** The transport for the current settings; may throw (settings incomplete), which pauses sending. */
  transport: () => DigitalPostTransport;
  /** Anything besides the settings that changes where the transport goes (the sandbox's address). */
  transportKey?: () => string;
  costs: CostLedger;
  notifications: NotificationPort;
  events?: EventBus;
  random?: () => number;
}

export interface SenderTiming {
  /** Retry delays double per attempt from the settings' retryBaseSeconds, with jitter, up to this. */
  maxBackoffMs: number;
  /** How long a claimed message is ours before another sender may take it. */
  leaseMs: number;
  receiptPollMs: number;
  /** Longest pause while the access point is unreachable; the pause doubles from 1 s. */
  maxPauseMs: number;
  /** Idle look at the queue (messages queued by another process, e.g. the CLI). */
  idleMs: number;
}

export const DEFAULT_TIMING: SenderTiming = {
  maxBackoffMs: 10 * 60_000,
  leaseMs: 2 * 60_000,
  receiptPollMs: 5_000,
  maxPauseMs: 30_000,
  idleMs: 5_000,
};

export interface SenderStatus {
  paused: boolean;
  pauseReason: string;
  resumesAt: string | null;
}

export interface PassResult {
  sent: number;
  failed: number;
  retried: number;
  physical: number;
}

/**
 * Sends the outbox: bounded concurrency, exponential backoff with jitter,
 * invalid messages failed at once, network loss pauses and resumes by itself,
 * receipts polled to move accepted messages to delivered. Every outcome is
 * written in its own small transaction, so a crash loses at most the fact that
 * a POST happened, and the repeated POST carries the same messageUUID.
 */
export class OutboxSender {
  private readonly timing: SenderTiming;
  private timer: NodeJS.Timeout | null = null;
  private receiptTimer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private started = false;
  private pausedUntil = 0;
  private pauseMs = 0;
  private pauseReason = '';
  private transportCache: { settingsJson: string; transport: DigitalPostTransport } | null = null;
  private changedRecords = new Set<number>();
  private changedOther = false;
  private emitTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: SenderDeps,
    timing: Partial<SenderTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    releaseInterrupted(this.deps.db, this.deps.clock.now());
    this.schedule(0);
    this.scheduleReceipts(this.timing.receiptPollMs);
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.receiptTimer) clearTimeout(this.receiptTimer);
    this.timer = null;
    this.receiptTimer = null;
    await this.running;
    this.transportCache?.transport.close();
    this.transportCache = null;
  }

  /** Look at the queue now (a letter was queued). */
  wake(): void {
    if (this.started && this.deps.clock.now() >= this.pausedUntil) this.schedule(0);
  }

  status(): SenderStatus {
    const paused = this.deps.clock.now() < this.pausedUntil;
    return { paused, pauseReason: paused ? this.pauseReason : '', resumesAt: paused ? isoAt(this.pausedUntil) : null };
  }

  private transport(): DigitalPostTransport {
    const settings = this.deps.settings();
    const key = `${JSON.stringify(settings)}|${this.deps.transportKey?.() ?? ''}`;
    if (this.transportCache?.settingsJson !== key) {
      this.transportCache?.transport.close();
      this.transportCache = { settingsJson: key, transport: this.deps.transport() };
    }
    return this.transportCache.transport;
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) return this.schedule(50);
      this.running = this.sendDue()
        .catch((e: unknown) => console.error('digital post sender failed:', (e as Error).message))
        .finally(() => {
          this.running = null;
          const now = this.deps.clock.now();
          const next = nextDueAt(this.deps.db);
          let wait = next === null ? this.timing.idleMs : Math.min(this.timing.idleMs, Math.max(0, next - now));
          if (now < this.pausedUntil) wait = Math.max(wait, this.pausedUntil - now);
          this.schedule(wait);
        });
    }, delayMs);
    this.timer.unref?.();
  }

  private scheduleReceipts(delayMs: number): void {
    if (!this.started) return;
    this.receiptTimer = setTimeout(() => {
      void this.pollReceipts()
        .catch(() => undefined)
        .finally(() => this.scheduleReceipts(this.timing.receiptPollMs));
    }, delayMs);
    this.receiptTimer.unref?.();
  }

  /** Sends every message due now (until the queue is empty or sending pauses). */
  async sendDue(onProgress?: (r: PassResult) => void): Promise<PassResult> {
    const result: PassResult = { sent: 0, failed: 0, retried: 0, physical: 0 };
    const { db, clock } = this.deps;
    if (clock.now() < this.pausedUntil) return result;
    let transport: DigitalPostTransport;
    try {
      transport = this.transport();
    } catch (error) {
      this.pause(`settings: ${(error as Error).message}`);
      return result;
    }
    const concurrency = this.deps.settings().concurrency;
    for (;;) {
      const batch = claimDue(db, clock.now(), Math.max(50, concurrency * 8), this.timing.leaseMs);
      if (batch.length === 0) break;
      let index = 0;
      let halted = false;
      const worker = async () => {
        while (!halted && index < batch.length) {
          const m = batch[index++] as ClaimedMessage;
          const outcome = await transport.send({ messageUuid: m.message_uuid, memo: Buffer.isBuffer(m.memo) ? m.memo : Buffer.from(m.memo), recipientCpr: m.recipient_cpr, subject: m.subject });
          if (outcome.kind === 'offline' || outcome.kind === 'auth') {
            halted = true;
            release(db, [m.id], clock.now());
            this.pause(outcome.reason);
            continue;
          }
          this.record(m, outcome, result);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
      if (halted) {
        // Unsent messages of this batch go back untouched: no attempt is counted for a pause.
        release(db, batch.slice(index).map((m) => m.id), clock.now());
        this.changed(null);
        break;
      }
      this.pauseMs = 0;
      onProgress?.(result);
    }
    return result;
  }

  private pause(reason: string): void {
    this.pauseMs = Math.min(this.timing.maxPauseMs, this.pauseMs === 0 ? 1_000 : this.pauseMs * 2);
    this.pausedUntil = this.deps.clock.now() + this.pauseMs;
    this.pauseReason = reason;
  }

  /** Writes one send outcome in its own transaction. */
  private record(m: ClaimedMessage, outcome: SendOutcome, result: PassResult): void {
    const { db, clock } = this.deps;
    const now = clock.now();
    const at = isoAt(now);
    const attempt = m.attempts + 1;
    const settings = this.deps.settings();
    db.transaction(() => {
      switch (outcome.kind) {
        case 'accepted': {
          const cost = priceOre(m.memo_bytes, settings.prices);
          const r = outcome.receipt;
          preparedOnce(
            db,
            `UPDATE digital_post_messages SET state = 'accepted', attempts = ?, lease_until = NULL, accepted_at = ?, transport = ?,
               transmission_id = ?, accept_receipt = ?, cost_ore = ?, error_code = '', error_text = '' WHERE id = ? AND state = 'sending'`,
          ).run(attempt, r.timeStamp || at, this.transportCache?.transport.kind ?? null, r.transmissionId, JSON.stringify(r.raw), cost, m.id);
          addEvent(db, m.id, now, 'accepted', r.receiptStatus);
          this.deps.costs.add({ kind: 'digital_post', amountOre: cost, recordId: m.record_id, description: 'Digital Post', idempotencyKey: m.message_uuid });
          result.sent += 1;
          break;
        }
        case 'rejected': {
          const text = `${outcome.code}: ${outcome.message}`.slice(0, 1000);
          this.fail(m, attempt, now, outcome.code, text, JSON.stringify(outcome.fieldErrors));
          result.failed += 1;
          break;
        }
        case 'not_allowed': {
          if (outcome.exempt) {
            preparedOnce(
              db,
              `UPDATE digital_post_messages SET state = 'physical_post', attempts = ?, lease_until = NULL, finished_at = ?, error_code = ?, error_text = ? WHERE id = ?`,
            ).run(attempt, at, outcome.code, outcome.message.slice(0, 1000), m.id);
            addEvent(db, m.id, now, 'physical_post', outcome.code);
            this.deps.notifications.publish({
              kind: 'digital_post_physical_fallback',
              recordId: m.record_id,
              toRecordResponsibles: true,
              message: `The citizen is exempt from Digital Post; the letter "${m.subject}" must be sent by physical post.`,
            });
            result.physical += 1;
          } else {
            this.fail(m, attempt, now, outcome.code, outcome.message, null);
            result.failed += 1;
          }
          break;
        }
        case 'retry': {
          if (attempt >= settings.maxAttempts) {
            this.fail(m, attempt, now, 'gave_up', `gave up after ${attempt} attempts; last: ${outcome.reason}`, null);
            result.failed += 1;
          } else {
            const delay = Math.max(outcome.retryAfterMs ?? 0, this.backoff(attempt));
            preparedOnce(
              db,
              `UPDATE digital_post_messages SET state = 'queued', attempts = ?, lease_until = NULL, next_attempt_at = ?, error_text = ? WHERE id = ?`,
            ).run(attempt, now + delay, outcome.reason.slice(0, 500), m.id);
            addEvent(db, m.id, now, 'retry', outcome.reason.slice(0, 200));
            result.retried += 1;
          }
          break;
        }
        default:
          break;
      }
    }).immediate();
    this.changed(m.record_id);
  }

  /**
   * Tells the UI, at most four times a second: a mailing moves hundreds of
   * letters a second and each would otherwise be an event to every window.
   */
  private changed(recordId: number | null): void {
    if (!this.deps.events) return;
    if (recordId === null) this.changedOther = true;
    else this.changedRecords.add(recordId);
    if (this.emitTimer) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = null;
      const ids = [...this.changedRecords];
      const other = this.changedOther;
      this.changedRecords = new Set();
      this.changedOther = false;
      if (ids.length > 0 || other) this.deps.events?.emit('recordsChanged', { recordIds: ids.slice(0, 1000) });
    }, 250);
    this.emitTimer.unref?.();
  }

  private fail(m: ClaimedMessage, attempt: number, now: number, code: string, text: string, fieldErrors: string | null): void {
    const { db } = this.deps;
    preparedOnce(
      db,
      `UPDATE digital_post_messages SET state = 'failed', attempts = ?, lease_until = NULL, finished_at = ?, error_code = ?, error_text = ?, field_errors = ? WHERE id = ?`,
    ).run(attempt, isoAt(now), code, text, fieldErrors, m.id);
    addEvent(db, m.id, now, 'failed', code);
    this.deps.notifications.publish({
      kind: 'digital_post_failed',
      recordId: m.record_id,
      toRecordResponsibles: true,
      message: `The Digital Post letter "${m.subject}" could not be sent: ${text}`.slice(0, 500),
    });
  }

  /** Exponential backoff with full jitter. */
  backoff(attempt: number): number {
    const base = this.deps.settings().retryBaseSeconds * 1000;
    const ceiling = Math.min(this.timing.maxBackoffMs, base * 2 ** Math.max(0, attempt - 1));
    const r = (this.deps.random ?? Math.random)();
    return Math.round(ceiling / 2 + (r * ceiling) / 2);
  }

  /** Polls receipts once: accepted → delivered (→ read where the channel reports it), or failed. */
  async pollReceipts(): Promise<number> {
    if (!hasAccepted(this.deps.db)) return 0;
    const transport = this.transport();
    let total = 0;
    for (;;) {
      const receipts = await transport.pollReceipts();
      if (receipts.length === 0) return total;
      for (const r of receipts) {
        this.applyReceipt(r);
        await transport.acknowledge(r.receiptId);
      }
      total += receipts.length;
    }
  }

  private applyReceipt(r: DeliveryReceipt): void {
    const { db, clock } = this.deps;
    const m = messageByUuid(db, r.messageUuid);
    if (!m) return;
    const now = clock.now();
    db.transaction(() => {
      if (r.status === 'delivered' && (m.state === 'accepted' || m.state === 'sending' || m.state === 'queued')) {
        db.prepare(
          "UPDATE digital_post_messages SET state = 'delivered', delivered_at = ?, delivery_receipt = ?, finished_at = ?, lease_until = NULL WHERE id = ?",
        ).run(r.timeStamp || isoAt(now), JSON.stringify(r.raw), isoAt(now), m.id);
        addEvent(db, m.id, now, 'delivered', r.timeStamp);
      } else if (r.status === 'read' && (m.state === 'delivered' || m.state === 'accepted')) {
        db.prepare("UPDATE digital_post_messages SET state = 'read', read_at = ? WHERE id = ?").run(r.timeStamp || isoAt(now), m.id);
        addEvent(db, m.id, now, 'read', r.timeStamp);
      } else if (r.status === 'failed' && m.state === 'accepted') {
        this.fail(
          { id: m.id, message_uuid: m.message_uuid, memo: m.memo, attempts: m.attempts - 1, record_id: m.record_id, recipient_cpr: m.recipient_cpr, subject: m.subject, memo_bytes: m.memo_bytes },
          m.attempts,
          now,
          r.errorCode ?? 'failed',
          r.errorMessage ?? 'the access point reported the delivery as failed',
          null,
        );
      }
    }).immediate();
    this.changed(m.record_id);
  }
}
