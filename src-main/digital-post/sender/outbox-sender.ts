import type { CostLedger } from '../../costs/cost-ledger';
import type { EventBus } from '../../events/event-bus';
import { redactCprs } from '../../cpr/cpr';
import type { NotificationPort } from '../../notifications/notification-port';
import type { Clock } from '../../shared/clock';
import { isoAt } from '../../shared/clock';
import type { Db } from '../../store/database';
import { preparedOnce } from '../../store/statement-cache';
import { StorageBackoff, storageConditionOf } from '../../store/storage-problems';
import { addEvent, claimDue, hasOutstanding, messageByTransmissionId, messageByUuid, nextDueAt, release, releaseInterrupted, type ClaimedMessage, type MessageRow } from '../outbox/outbox-repo';
import { priceOre, type DigitalPostSettings } from '../settings';
import { physicalPostNotice } from '../physical-post/physical-post-notice';
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
  /** Sends whose answer was lost: the letters await their receipts. */
  awaiting: number;
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
  /** A full disk or read-only store: sending and receipt polling wait it out, each logging once (not per tick). */
  private readonly sendStorage = new StorageBackoff('the Digital Post sender');
  private readonly receiptStorage = new StorageBackoff('the Digital Post receipt poller');
  private releasePending = false;

  constructor(
    private readonly deps: SenderDeps,
    timing: Partial<SenderTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    try {
      releaseInterrupted(this.deps.db, this.deps.clock.now());
    } catch (error) {
      // A store that cannot be written yet: the first round that can write does it.
      if (!storageConditionOf(error)) throw error;
      this.releasePending = true;
    }
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
    // A full disk or read-only store pauses sending until a write works again; when is not known.
    const storage = this.sendStorage.conditionText;
    if (storage) return { paused: true, pauseReason: storage, resumesAt: null };
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
      let storagePause: number | null = null;
      this.running = Promise.resolve()
        .then(() => {
          if (this.releasePending) releaseInterrupted(this.deps.db, this.deps.clock.now());
          this.releasePending = false;
          return this.sendDue();
        })
        .then(() => this.sendStorage.succeeded())
        .catch((e: unknown) => {
          storagePause = this.sendStorage.failed(e);
          if (storagePause === null) console.error('digital post sender failed:', redactCprs((e as Error).message));
        })
        .finally(() => {
          this.running = null;
          if (storagePause !== null) return this.schedule(storagePause);
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
      let storagePause: number | null = null;
      void this.pollReceipts()
        .then(() => this.receiptStorage.succeeded())
        // An unreachable access point is tried again at the next poll; a store that cannot be written, with growing pauses.
        .catch((e: unknown) => void (storagePause = this.receiptStorage.failed(e)))
        .finally(() => this.scheduleReceipts(Math.max(storagePause ?? 0, this.timing.receiptPollMs)));
    }, delayMs);
    this.receiptTimer.unref?.();
  }

  /** Sends every message due now (until the queue is empty or sending pauses). */
  async sendDue(onProgress?: (r: PassResult) => void): Promise<PassResult> {
    const result: PassResult = { sent: 0, failed: 0, retried: 0, physical: 0, awaiting: 0 };
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
      let storageFault: unknown = null;
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
          try {
            this.record(m, outcome, result);
          } catch (error) {
            // The outcome cannot be written: stop sending (the other workers too) rather
            // than post letters whose answers are lost. Their leases run out and they are
            // sent again under the same messageUUID once the store can be written.
            if (!storageConditionOf(error)) throw error;
            halted = true;
            storageFault = error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
      if (storageFault) throw storageFault;
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

  /**
   * Writes one send outcome in its own transaction. Every update is guarded by
   * the state the send began in: a receipt applied while the POST was in
   * flight (delivered is delivered) is never overwritten by its late answer.
   */
  private record(m: ClaimedMessage, outcome: SendOutcome, result: PassResult): void {
    const { db, clock } = this.deps;
    const now = clock.now();
    const at = isoAt(now);
    const attempt = m.attempts + 1;
    const settings = this.deps.settings();
    const inFlight = "state IN ('sending','awaiting_receipt')";
    db.transaction(() => {
      switch (outcome.kind) {
        case 'accepted': {
          const cost = priceOre(m.memo_bytes, settings.prices);
          const r = outcome.receipt;
          const changed = preparedOnce(
            db,
            `UPDATE digital_post_messages SET state = 'accepted', attempts = ?, lease_until = NULL, accepted_at = ?, transport = ?,
               transmission_id = coalesce(nullif(?, ''), transmission_id), accept_receipt = ?, cost_ore = ?, error_code = '', error_text = '',
               awaiting_since = ?, last_attempt_at = ?
             WHERE id = ? AND ${inFlight}`,
          ).run(attempt, r.timeStamp || at, this.transportCache?.transport.kind ?? null, r.transmissionId, JSON.stringify(r.raw), cost, now, now, m.id).changes;
          if (changed > 0) addEvent(db, m.id, now, 'accepted', outcome.alreadyReceived ? 'already received' : r.receiptStatus);
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
            this.physicalPost(m, attempt, now, outcome.code, outcome.message);
            result.physical += 1;
          } else {
            this.fail(m, attempt, now, outcome.code, outcome.message, null);
            result.failed += 1;
          }
          break;
        }
        case 'lost': {
          // The access point may have the letter: it awaits its receipt and is
          // sent again under the same messageUUID until the access point answers.
          const delay = this.backoff(attempt);
          const changed = preparedOnce(
            db,
            `UPDATE digital_post_messages SET state = 'awaiting_receipt', attempts = ?, lease_until = NULL, next_attempt_at = ?, error_text = ?,
               awaiting_since = coalesce(awaiting_since, ?), last_attempt_at = ?
             WHERE id = ? AND ${inFlight}`,
          ).run(attempt, now + delay, outcome.reason.slice(0, 500), now, now, m.id).changes;
          if (changed > 0) addEvent(db, m.id, now, 'awaiting_receipt', outcome.reason.slice(0, 200));
          result.awaiting += 1;
          break;
        }
        case 'retry': {
          // Only a letter the access point certainly never took can be given up;
          // one whose earlier answer was lost keeps waiting for its receipt.
          if (attempt >= settings.maxAttempts && m.state !== 'awaiting_receipt') {
            this.fail(m, attempt, now, 'gave_up', `gave up after ${attempt} attempts; last: ${outcome.reason}`, null);
            result.failed += 1;
          } else {
            const delay = Math.max(outcome.retryAfterMs ?? 0, this.backoff(attempt));
            const changed = preparedOnce(
              db,
              `UPDATE digital_post_messages SET state = CASE state WHEN 'awaiting_receipt' THEN state ELSE 'queued' END, attempts = ?, lease_until = NULL,
                 next_attempt_at = ?, error_text = ?, last_attempt_at = ?
               WHERE id = ? AND ${inFlight}`,
            ).run(attempt, now + delay, outcome.reason.slice(0, 500), now, m.id).changes;
            if (changed > 0) addEvent(db, m.id, now, 'retry', outcome.reason.slice(0, 200));
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

  private physicalPost(m: Pick<MessageRow, 'id' | 'record_id' | 'subject' | 'mailing_id'>, attempt: number, now: number, code: string, message: string): void {
    const { db } = this.deps;
    const changed = preparedOnce(
      db,
      `UPDATE digital_post_messages SET state = 'physical_post', attempts = ?, lease_until = NULL, finished_at = ?, error_code = ?, error_text = ?
       WHERE id = ? AND state NOT IN ('delivered','read','physical_post')`,
    ).run(attempt, isoAt(now), code, message.slice(0, 1000), m.id).changes;
    if (changed === 0) return;
    addEvent(db, m.id, now, 'physical_post', code);
    this.deps.notifications.publish({ ...physicalPostNotice(m.record_id, m.subject), mailingId: m.mailing_id });
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

  /** "failed": only on the access point's refusal or a final failed receipt, never over a delivery. */
  private fail(m: Pick<MessageRow, 'id' | 'record_id' | 'subject' | 'mailing_id'>, attempt: number, now: number, code: string, text: string, fieldErrors: string | null): void {
    const { db } = this.deps;
    const changed = preparedOnce(
      db,
      `UPDATE digital_post_messages SET state = 'failed', attempts = ?, lease_until = NULL, finished_at = ?, error_code = ?, error_text = ?, field_errors = ?
       WHERE id = ? AND state NOT IN ('delivered','read','physical_post','failed')`,
    ).run(attempt, isoAt(now), code, text, fieldErrors, m.id).changes;
    if (changed === 0) return;
    addEvent(db, m.id, now, 'failed', code);
    this.deps.notifications.publish({
      kind: 'digital_post_failed',
      recordId: m.record_id,
      toRecordResponsibles: true,
      message: `Digital Post-brevet "${m.subject}" kunne ikke sendes: ${text}`.slice(0, 500),
      params: { subject: m.subject, error: text.slice(0, 300) },
      mailingId: m.mailing_id,
    });
  }

  /** Exponential backoff with full jitter. */
  backoff(attempt: number): number {
    const base = this.deps.settings().retryBaseSeconds * 1000;
    const ceiling = Math.min(this.timing.maxBackoffMs, base * 2 ** Math.max(0, attempt - 1));
    const r = (this.deps.random ?? Math.random)();
    return Math.round(ceiling / 2 + (r * ceiling) / 2);
  }

  /**
   * Polls receipts: the transport lists and fetches them without consuming
   * them; each is stored and applied in one transaction, and only after that
   * commit acknowledged (DELETE). A crash in between leaves the receipt at the
   * access point (fetched again next time) or stored and unacknowledged
   * (acknowledged at the next poll); it is never acknowledged unstored.
   * Returns how many new receipts were applied.
   */
  async pollReceipts(): Promise<number> {
    this.notifyOverdue();
    if (!hasOutstanding(this.deps.db)) return 0;
    const transport = this.transport();
    await this.acknowledgeStored(transport);
    let total = 0;
    for (let round = 0; round < 1000; round++) {
      const receipts = await transport.pollReceipts();
      if (receipts.length === 0) break;
      let fresh = 0;
      for (const r of receipts) {
        if (this.storeAndApply(r, transport.kind)) fresh += 1;
        await transport.acknowledge(r.receiptId);
        preparedOnce(this.deps.db, 'UPDATE digital_post_receipts SET acknowledged_at = ? WHERE receipt_id = ? AND acknowledged_at IS NULL').run(
          isoAt(this.deps.clock.now()),
          r.receiptId,
        );
      }
      total += fresh;
      // A page of receipts we had already stored: they are acknowledged again above; do not spin on them.
      if (fresh === 0) break;
    }
    return total;
  }

  /** Receipts stored by an earlier poll whose acknowledgement did not happen (a crash, a lost answer). */
  private async acknowledgeStored(transport: DigitalPostTransport): Promise<void> {
    const ids = this.deps.db.prepare('SELECT receipt_id FROM digital_post_receipts WHERE acknowledged_at IS NULL ORDER BY rowid LIMIT 500').pluck().all() as string[];
    for (const id of ids) {
      await transport.acknowledge(id);
      this.deps.db.prepare('UPDATE digital_post_receipts SET acknowledged_at = ? WHERE receipt_id = ?').run(isoAt(this.deps.clock.now()), id);
    }
  }

  /**
   * Which letter a receipt is about. What a receipt id equals is not
   * established (its own id, the messageUUID or the transmissionId), so the
   * receipt's messageUUID is tried first, then its transmissionId, then the id.
   */
  private letterOf(r: DeliveryReceipt): MessageRow | undefined {
    const { db } = this.deps;
    return (
      (r.messageUuid ? messageByUuid(db, r.messageUuid) : undefined) ??
      (r.transmissionId ? messageByTransmissionId(db, r.transmissionId) : undefined) ??
      messageByUuid(db, r.receiptId) ??
      messageByTransmissionId(db, r.receiptId)
    );
  }

  /** Stores the receipt and applies it, in one transaction; false when it was stored before (not applied twice). */
  private storeAndApply(r: DeliveryReceipt, transportKind: string): boolean {
    const { db, clock } = this.deps;
    const now = clock.now();
    const m = this.letterOf(r);
    const fresh = db
      .transaction(() => {
        const inserted = preparedOnce(
          db,
          'INSERT OR IGNORE INTO digital_post_receipts (receipt_id, message_uuid, message_id, status, body, fetched_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(r.receiptId, r.messageUuid, m?.id ?? null, r.status, JSON.stringify(r.raw ?? null), isoAt(now)).changes;
        if (inserted === 0) return false;
        if (m) this.applyReceipt(m, r, now, transportKind);
        return true;
      })
      .immediate();
    if (m) this.changed(m.record_id);
    return fresh;
  }

  /** A receipt is applied whatever the local state: delivered is delivered (and its cost recorded). */
  private applyReceipt(m: MessageRow, r: DeliveryReceipt, now: number, transportKind: string): void {
    const { db } = this.deps;
    const at = r.timeStamp || isoAt(now);
    const cost = priceOre(m.memo_bytes, this.deps.settings().prices);
    const addCost = () =>
      this.deps.costs.add({ kind: 'digital_post', amountOre: cost, recordId: m.record_id, description: 'Digital Post', idempotencyKey: m.message_uuid });
    switch (r.status) {
      case 'delivered': {
        if (m.state === 'delivered' || m.state === 'read') return;
        db.prepare(
          `UPDATE digital_post_messages SET state = 'delivered', delivered_at = ?, delivery_receipt = ?, finished_at = ?, lease_until = NULL,
             accepted_at = coalesce(accepted_at, ?), transmission_id = coalesce(transmission_id, ?), transport = coalesce(transport, ?),
             cost_ore = coalesce(cost_ore, ?), error_code = '', error_text = '', field_errors = NULL WHERE id = ?`,
        ).run(at, JSON.stringify(r.raw), isoAt(now), at, r.transmissionId ?? null, transportKind, cost, m.id);
        addEvent(db, m.id, now, 'delivered', r.timeStamp);
        addCost();
        return;
      }
      case 'received': {
        const open = ['queued', 'sending', 'awaiting_receipt', 'cancelled'].includes(m.state) || (m.state === 'failed' && m.error_code === 'gave_up');
        if (!open) return;
        db.prepare(
          `UPDATE digital_post_messages SET state = 'accepted', accepted_at = coalesce(accepted_at, ?), transmission_id = coalesce(transmission_id, ?),
             transport = coalesce(transport, ?), cost_ore = coalesce(cost_ore, ?), finished_at = NULL, error_code = '', error_text = '', field_errors = NULL,
             awaiting_since = coalesce(awaiting_since, ?) WHERE id = ?`,
        ).run(at, r.transmissionId ?? null, transportKind, cost, now, m.id);
        addEvent(db, m.id, now, 'accepted', 'receipt RECEIVED');
        addCost();
        return;
      }
      case 'read': {
        if (m.state !== 'delivered' && m.state !== 'accepted') return;
        db.prepare("UPDATE digital_post_messages SET state = 'read', read_at = ? WHERE id = ?").run(at, m.id);
        addEvent(db, m.id, now, 'read', r.timeStamp);
        return;
      }
      case 'failed': {
        const code = r.errorCode ?? 'failed';
        if (/exempt|fritag/i.test(code)) this.physicalPost(m, m.attempts, now, code, r.errorMessage ?? code);
        else this.fail(m, m.attempts, now, code, r.errorMessage ?? 'the access point reported the delivery as failed', null);
        return;
      }
    }
  }

  /**
   * Letters that have waited longer than the setting for their receipt: the
   * responsible caseworker is told once. The letter stays what it is (awaiting
   * or accepted), since the access point may still deliver it.
   */
  notifyOverdue(): number {
    const { db, clock } = this.deps;
    const now = clock.now();
    const limitMs = this.deps.settings().awaitReceiptHours * 3_600_000;
    const rows = db
      .prepare(
        `SELECT id, record_id, subject, state, mailing_id FROM digital_post_messages
         WHERE state IN ('accepted','awaiting_receipt') AND overdue_notified_at IS NULL AND awaiting_since IS NOT NULL AND awaiting_since <= ? LIMIT 500`,
      )
      .all(now - limitMs) as Pick<MessageRow, 'id' | 'record_id' | 'subject' | 'state' | 'mailing_id'>[];
    if (rows.length === 0) return 0;
    const hours = this.deps.settings().awaitReceiptHours;
    db.transaction(() => {
      for (const m of rows) {
        db.prepare('UPDATE digital_post_messages SET overdue_notified_at = ? WHERE id = ?').run(now, m.id);
        addEvent(db, m.id, now, 'receipt_overdue', `${hours} h`);
        this.deps.notifications.publish({
          kind: 'digital_post_awaiting_receipt',
          recordId: m.record_id,
          toRecordResponsibles: true,
          message: `Digital Post har ikke sendt kvittering for brevet "${m.subject}" inden for ${hours} timer. Brevet er ikke fejlet; det afventer stadig kvittering.`.slice(0, 500),
          params: { subject: m.subject, hours: String(hours) },
          mailingId: m.mailing_id,
        });
      }
    }).immediate();
    for (const m of rows) this.changed(m.record_id);
    return rows.length;
  }
}
