import { writeAudit } from '../audit/audit-log';
import type { Language, SigningErrorView } from '../contract';
import type { CostLedger } from '../costs/cost-ledger';
import { maskCpr, redactCprs } from '../cpr/cpr';
import type { DigitalPostPort } from '../digital-post/digital-post-port';
import type { DocumentPort } from '../documents/document-port';
import type { EventBus } from '../events/event-bus';
import type { NotificationKind, NotificationPort } from '../notifications/notification-port';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { Db } from '../store/database';
import { StorageBackoff, storageConditionOf } from '../store/storage-problems';
import type { StatusChanges } from '../workflow/status-change';
import { pollDelayMs as defaultPollDelay, retryDelayMs } from './poll-schedule';
import type { SignedDocumentCheck, SignedDocumentProblem } from './signature-check';
import {
  SECOND_SIGNATORY_SUFFIX,
  SignaturesApiError,
  type ClosedOrder,
  type OrderSnapshot,
  type SignatorySnapshot,
  type SignaturesGateway,
} from './signatures-client';
import { dueSigningRequests, nextSigningWakeAt, signingRequest, type SigningRequestRow, type SigningState } from './signing-request-row';
import type { SignaturesSettings } from './signing-settings';
import { encodeSigningError, signingErrorOf } from './signing-error';
import { type SigningNotice, signingTexts } from './signing-texts';

/** The request's signatories on the order: found by the references we gave them (by position for orders made before). */
function signatoriesOf(order: OrderSnapshot, row: SigningRequestRow): { first: SignatorySnapshot | null; second: SignatorySnapshot | null } {
  const byReference = (reference: string) => order.signatories.find((s) => s.reference === reference) ?? null;
  const first = byReference(row.reference) ?? order.signatory;
  const second = row.second_signer_cpr ? byReference(row.reference + SECOND_SIGNATORY_SUFFIX) : null;
  return { first, second };
}

export interface SigningWorkerDeps {
  db: Db;
  clock: Clock;
  gateway: SignaturesGateway;
  documents: DocumentPort;
  digitalPost: DigitalPostPort;
  notifications: NotificationPort;
  costs: CostLedger;
  statusChanges: StatusChanges;
  events: EventBus;
  settings: () => SignaturesSettings;
  /** The app's own check of a closed order's document, before it is stored as signed. */
  checkSignedDocument: SignedDocumentCheck;
  language: () => Language;
  /** Called after the worker moved a record (the job runner should look at its queue). */
  onRecordMoved?: () => void;
  pollDelayMs?: (ageMs: number) => number;
  /** Longest sleep between looks at the table (requests are inserted by status-action jobs). */
  idleMs?: number;
  /** Test hook: called after each committed step with the request's new state. */
  afterStep?: (requestId: number, state: SigningState) => void | Promise<void>;
}

type Step = 'again' | 'wait';

/**
 * Advances signing requests through their states: generate the document,
 * create the Idura order (its id is committed before anything is sent), send
 * the link by Digital Post and notify the caseworker (one transaction, with an
 * idempotency key), poll with backoff, then close the order and store the
 * signed PDF, record the cost and move the record; or handle rejection, expiry
 * and cancellation. Every external call happens outside a transaction, and
 * every local effect commits with the state it leads to, so a crash at any
 * point resumes at the right step.
 */
export class SigningWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private rerun = false;
  /** A full disk or read-only store: the rounds wait it out with growing pauses and one log line. */
  private readonly storage = new StorageBackoff('the signing worker');

  constructor(private readonly deps: SigningWorkerDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Look now (a request was inserted, a caseworker asked to refresh or cancel). */
  wake(): void {
    if (!this.started) return;
    if (this.running) this.rerun = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      let storagePause: number | null = null;
      this.running = this.runDue()
        .then(() => this.storage.succeeded())
        .catch((error: unknown) => {
          storagePause = this.storage.failed(error);
          if (storagePause === null) console.error('signing worker failed:', redactCprs((error as Error).message));
        })
        .finally(() => {
          this.running = null;
          if (storagePause !== null) {
            this.rerun = false;
            return this.schedule(storagePause);
          }
          if (this.rerun) {
            this.rerun = false;
            return this.schedule(0);
          }
          const idle = this.deps.idleMs ?? 2_000;
          const next = nextSigningWakeAt(this.deps.db);
          this.schedule(next === null ? idle : Math.min(idle, Math.max(0, next - this.deps.clock.now())));
        });
    }, delayMs);
  }

  /** Advances every request that is due now; returns how many were looked at. Tests call this directly. */
  async runDue(): Promise<number> {
    const ids = dueSigningRequests(this.deps.db, this.deps.clock.now());
    for (const id of ids) await this.advance(id);
    return ids.length;
  }

  /** Takes one request as far as it can go now. */
  async advance(id: number): Promise<void> {
    for (let i = 0; i < 8; i++) {
      const row = signingRequest(this.deps.db, id);
      if (!row || ['completed', 'rejected', 'expired', 'cancelled', 'failed'].includes(row.state)) return;
      let step: Step;
      try {
        step = await this.step(row);
      } catch (error) {
        // The store's condition, not the request's: no attempt is counted (twelve would fail
        // the request), and the round stops so the worker backs off. Each step commits with
        // the state it leads to, so the request resumes at the same step.
        if (storageConditionOf(error)) throw error;
        this.recordFailure(row, error);
        return;
      }
      const after = signingRequest(this.deps.db, id);
      if (after) await this.deps.afterStep?.(id, after.state);
      this.deps.events.emit('recordsChanged', { recordIds: [row.record_id] });
      if (step === 'wait') return;
    }
  }

  private async step(row: SigningRequestRow): Promise<Step> {
    if (row.cancel_requested_at) return this.cancel(row);
    switch (row.state) {
      case 'requested':
        return this.generateDocument(row);
      case 'document_ready':
        // Committed before the call: from here on, a restart looks for the order before creating one.
        this.update(row.id, { state: 'creating_order' });
        return this.createOrder(row, true);
      case 'creating_order':
        return this.createOrder(row, false);
      case 'order_created':
        return this.sendLink(row);
      case 'awaiting_signature':
        return this.poll(row);
      default:
        return 'wait';
    }
  }

  private generateDocument(row: SigningRequestRow): Step {
    const doc = this.deps.documents.generate({ templateId: row.template_id, recordId: row.record_id, caseworkerUserId: row.caseworker_user_id });
    this.transaction(() => {
      this.update(row.id, { state: 'document_ready', document_title: doc.title, document_file_name: doc.fileName, document_pdf: Buffer.from(doc.pdf) });
      this.audit(row, 'signing.document_generated', { fileName: doc.fileName });
    });
    return 'again';
  }

  /**
   * `creating_order` was committed before the call, so if the app stopped
   * after Idura created the order but before its id was stored, the order is
   * found again by our reference rather than created twice.
   */
  private async createOrder(row: SigningRequestRow, firstTry: boolean): Promise<Step> {
    const { gateway } = this.deps;
    const settings = this.deps.settings();
    let order: OrderSnapshot | null = firstTry ? null : await gateway.findOpenOrderByReference(row.reference);
    order ??= await gateway.createOrder({
      reference: row.reference,
      title: row.title,
      documentTitle: row.document_title ?? row.title,
      pdf: row.document_pdf ?? new Uint8Array(),
      signerCpr: row.signer_cpr,
      secondSignerCpr: row.second_signer_cpr,
      message: row.message,
      // The citizen signs in Danish, whatever language the caseworker's app shows.
      language: 'da',
      expiresInDays: settings.expiresInDays,
      acrValue: settings.acrValue,
    });
    const { first, second } = signatoriesOf(order, row);
    if (!first) throw new SignaturesApiError('Idura Signatures returned an order without a signatory', true, 'incomplete_answer');
    if (row.second_signer_cpr && !second) throw new SignaturesApiError('Idura Signatures returned the order without its second signatory', true, 'incomplete_answer');
    const created = order;
    this.transaction(() => {
      this.update(row.id, {
        state: 'order_created',
        order_id: created.orderId,
        signatory_id: first.id,
        signing_href: first.href,
        ...(second ? { second_signatory_id: second.id, second_signing_href: second.href } : {}),
        order_expires_at: created.expiresAt,
        attempts: 0,
        last_error: '',
      });
      this.audit(row, 'signing.order_created', {
        orderId: created.orderId,
        signer: maskCpr(row.signer_cpr),
        ...(row.second_signer_cpr ? { secondSigner: maskCpr(row.second_signer_cpr) } : {}),
      });
    });
    return 'again';
  }

  /** The letter with the link, the caseworker's notification and the new state commit together. */
  private sendLink(row: SigningRequestRow): Step {
    const citizen = signingTexts('da');
    const now = this.deps.clock.now();
    const letter = (recipientCpr: string, url: string, idempotencyKey: string) =>
      this.deps.digitalPost.queue({
        recordId: row.record_id,
        recipientCpr,
        subject: row.title.slice(0, 120),
        notification: citizen.letterNotification(row.title).slice(0, 150),
        mainDocument: { fileName: row.document_file_name ?? 'dokument.pdf', content: row.document_pdf ?? new Uint8Array(), mimeType: 'application/pdf' },
        actions: [{ label: citizen.letterActionLabel, action: 'UNDERSKRIV', url }],
        idempotencyKey,
      });
    this.transaction(() => {
      const queued = letter(row.signer_cpr, row.signing_href ?? '', `signing-request:${row.reference}:link`);
      // The second signatory gets their own link now; Idura's signing sequence keeps it closed until the first has signed.
      const second = row.second_signer_cpr ? letter(row.second_signer_cpr, row.second_signing_href ?? '', `signing-request:${row.reference}:link-2`) : null;
      this.notify(row, 'signature_requested', 'requested');
      this.update(row.id, {
        state: 'awaiting_signature',
        letter_message_id: queued.messageId,
        ...(second ? { second_letter_message_id: second.messageId } : {}),
        link_sent_at: now,
        next_attempt_at: now + this.pollDelay(0),
      });
      this.audit(row, 'signing.link_sent', { orderId: row.order_id, messageId: queued.messageId, ...(second ? { secondMessageId: second.messageId } : {}) });
    });
    return 'wait';
  }

  private async poll(row: SigningRequestRow): Promise<Step> {
    const { gateway } = this.deps;
    const order = await gateway.getOrder(row.order_id!);
    const now = this.deps.clock.now();
    if (!order) {
      // Gone for good (cleaned up, or a restarted sandbox): waiting longer cannot help.
      this.fail(row, { code: 'order_gone', params: {}, technical: 'Idura Signatures no longer knows the order (was it deleted, or the sandbox restarted?)' }, row.attempts + 1);
      return 'wait';
    }
    if (order.status === 'CLOSED') {
      // An earlier attempt closed it but did not finish storing the PDF.
      const closed = await gateway.fetchClosedDocument(row.order_id!);
      if (!closed?.signedPdf) throw new SignaturesApiError('the order was closed but its signed document is no longer available', true, 'signed_document_missing');
      await this.accept(row, closed);
      return 'wait';
    }
    if (order.status === 'EXPIRED') return this.finish(row, 'expired');
    if (order.status === 'CANCELLED') return this.finish(row, 'cancelled');
    const { first, second } = signatoriesOf(order, row);
    const signers = row.second_signer_cpr ? [first, second] : [first];
    const rejected = signers.find((s) => s?.status === 'REJECTED');
    // Closed only when every signatory has signed: the first alone is half a signed document.
    if (!rejected && signers.every((s) => s?.status === 'SIGNED')) {
      let closed: ClosedOrder;
      try {
        closed = await gateway.closeOrder(row.order_id!);
      } catch (error) {
        const again = await gateway.fetchClosedDocument(row.order_id!).catch(() => null);
        if (!again) throw error;
        closed = again;
      }
      if (!closed.signedPdf) throw new SignaturesApiError('the closed order returned no signed document', true, 'signed_document_missing');
      await this.accept(row, closed);
      return 'wait';
    }
    if (rejected) {
      // The order stays open at Idura after a rejection; cancel it so the links stop working.
      await gateway.cancelOrder(row.order_id!).catch(() => undefined);
      return this.finish(row, 'rejected', rejected.statusReason ?? '');
    }
    this.update(row.id, {
      last_polled_at: now,
      next_attempt_at: now + this.pollDelay(now - (row.link_sent_at ?? now)),
      attempts: 0,
      last_error: '',
    });
    return 'wait';
  }

  /**
   * Stores the document as signed only when main's own check passes; else
   * the request waits, in `signature_invalid`, for the caseworker to decide
   * (cancel it, or ask again), the record does not move, and they are told why.
   */
  private async accept(row: SigningRequestRow, closed: ClosedOrder): Promise<void> {
    // Each signatory's evidence must carry the CPR they were bound to.
    const bound = row.second_signer_cpr ? [row.signer_cpr, row.second_signer_cpr] : [row.signer_cpr];
    const problems = await this.deps.checkSignedDocument(closed, bound);
    if (problems.length === 0) this.complete(row, closed);
    else this.refuse(row, problems);
  }

  private refuse(row: SigningRequestRow, problems: SignedDocumentProblem[]): void {
    const t = signingTexts(this.deps.language());
    const codes = [...new Set(problems.map((p) => p.code))];
    const why = codes.map((c) => t.problem[c]).join('; ');
    this.transaction(() => {
      this.update(row.id, {
        state: 'signature_invalid',
        last_error: encodeSigningError({ code: 'signature_refused', params: { problems: codes }, technical: why }),
        // Not due again: only the caseworker's cancellation (which sets it to now) wakes it.
        next_attempt_at: Number.MAX_SAFE_INTEGER,
        attempts: 0,
      });
      this.notify(row, 'status_action_failed', 'refused', why);
      this.audit(row, 'signing.signature_refused', { orderId: row.order_id, problems: codes, fields: problems.map((p) => p.field).filter(Boolean) });
    });
  }

  private complete(row: SigningRequestRow, closed: ClosedOrder): void {
    const t = signingTexts(this.deps.language());
    const price = this.deps.settings().priceOre;
    const at = isoAt(this.deps.clock.now());
    let moved = false;
    this.transaction(() => {
      this.deps.costs.add({ kind: 'signature', amountOre: price, recordId: row.record_id, description: t.cost(row.title), idempotencyKey: `signature:${row.reference}` });
      const note = this.move(row, row.signed_status_id, t.statusComment(row.title, t.outcome.signed));
      moved = note === null && row.signed_status_id !== null;
      this.update(row.id, {
        state: 'completed',
        signed_pdf: Buffer.from(closed.signedPdf!),
        signed_at: at,
        cost_ore: price,
        outcome_note: note ?? '',
        finished_at: at,
        attempts: 0,
        last_error: '',
      });
      this.notify(row, 'signature_completed', 'completed');
      this.audit(row, 'signing.completed', { orderId: row.order_id, bytes: closed.signedPdf!.length });
    });
    if (moved) this.deps.onRecordMoved?.();
  }

  private finish(row: SigningRequestRow, outcome: 'rejected' | 'expired' | 'cancelled', reason = ''): Step {
    const t = signingTexts(this.deps.language());
    const at = isoAt(this.deps.clock.now());
    let moved = false;
    this.transaction(() => {
      let note: string | null = null;
      if (outcome === 'rejected') {
        note = this.move(row, row.rejected_status_id, t.statusComment(row.title, t.outcome.rejected));
        moved = note === null && row.rejected_status_id !== null;
        this.notify(row, 'signature_rejected', 'rejected');
      } else if (outcome === 'expired') {
        note = this.move(row, row.expired_status_id, t.statusComment(row.title, t.outcome.expired));
        moved = note === null && row.expired_status_id !== null;
        this.notify(row, 'signature_expired', 'expired');
      }
      this.update(row.id, { state: outcome, finished_at: at, outcome_note: [reason, note ?? ''].filter(Boolean).join(' · ').slice(0, 600) });
      this.audit(row, `signing.${outcome}`, { orderId: row.order_id });
    });
    if (moved) this.deps.onRecordMoved?.();
    return 'wait';
  }

  private async cancel(row: SigningRequestRow): Promise<Step> {
    const { gateway } = this.deps;
    // The caseworker's decision on a refused document: end the request, keep the record where it is.
    if (row.state === 'signature_invalid') return this.finish(row, 'cancelled');
    let orderId = row.order_id;
    if (!orderId && row.state === 'creating_order') orderId = (await gateway.findOpenOrderByReference(row.reference))?.orderId ?? null;
    if (orderId) {
      try {
        await gateway.cancelOrder(orderId);
      } catch (error) {
        // Already closed, expired or cancelled at Idura: follow what actually happened.
        const order = await gateway.getOrder(orderId);
        if (!order || order.status === 'OPEN') throw error;
        if (order.status === 'EXPIRED') return this.finish(row, 'expired');
        if (order.status === 'CLOSED') {
          const closed = await gateway.fetchClosedDocument(orderId);
          if (closed?.signedPdf) {
            await this.accept(row, closed);
            // Refused by the check while the caseworker asked to cancel: their decision is already made.
            const after = signingRequest(this.deps.db, row.id);
            if (after?.state === 'signature_invalid') return this.finish(after, 'cancelled');
            return 'wait';
          }
        }
      }
    }
    return this.finish(row, 'cancelled');
  }

  /** Moves the record; returns null when moved (or nothing to do), else why not. Runs inside the caller's transaction. */
  private move(row: SigningRequestRow, statusId: number | null, comment: string): string | null {
    if (statusId === null) return null;
    const current = this.deps.db.prepare('SELECT status_id FROM records WHERE id = ?').pluck().get(row.record_id) as number | undefined;
    if (current === undefined || current === statusId) return null;
    try {
      this.deps.statusChanges.change({ recordId: row.record_id, expectedVersion: null, toStatusId: statusId, comment, userId: null });
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return signingTexts(this.deps.language()).couldNotMove(error.message);
    }
  }

  private recordFailure(row: SigningRequestRow, error: unknown): void {
    const coded = signingErrorOf(error);
    const permanent = error instanceof DomainError || (error instanceof SignaturesApiError && error.permanent);
    const attempts = row.attempts + 1;
    const now = this.deps.clock.now();
    const giveUp = permanent || attempts >= 12;
    // Polling an order already sent keeps trying (the citizen may still sign); a request never sent gives up.
    if (giveUp && row.state !== 'awaiting_signature') {
      this.fail(row, coded, attempts);
    } else {
      this.update(row.id, { attempts, last_error: encodeSigningError(coded), next_attempt_at: now + retryDelayMs(attempts) });
    }
    this.deps.events.emit('recordsChanged', { recordIds: [row.record_id] });
  }

  private fail(row: SigningRequestRow, error: SigningErrorView, attempts: number): void {
    const text = redactCprs(error.technical).slice(0, 500);
    this.transaction(() => {
      this.update(row.id, { state: 'failed', attempts, last_error: encodeSigningError(error), finished_at: isoAt(this.deps.clock.now()) });
      this.notify(row, 'status_action_failed', 'failed', text);
      // The audit keeps the code and parameters; the reader's language words them.
      this.audit(row, 'signing.failed', { reason: error.code, ...error.params });
    });
  }

  private pollDelay(ageMs: number): number {
    return (this.deps.pollDelayMs ?? defaultPollDelay)(ageMs);
  }

  /**
   * Stored in Danish as the fallback, with params (signing, title, number, why)
   * so each reader sees it in their own language (notification-text.ts).
   */
  private notify(row: SigningRequestRow, kind: NotificationKind, signing: SigningNotice, why?: string): void {
    const number = this.recordNumber(row.record_id);
    const da = signingTexts('da');
    const message = signing === 'failed' || signing === 'refused' ? da[signing](row.title, number, why ?? '') : da[signing](row.title, number);
    this.deps.notifications.publish({
      kind,
      recordId: row.record_id,
      toRecordResponsibles: true,
      ...(row.caseworker_user_id ? { userIds: [row.caseworker_user_id] } : {}),
      message,
      actorUserId: null,
      params: { signing, title: row.title, number, ...(why !== undefined ? { why } : {}) },
    });
  }

  private audit(row: SigningRequestRow, action: string, details: Record<string, unknown>): void {
    writeAudit(this.deps.db, { at: isoAt(this.deps.clock.now()), userId: null, recordId: row.record_id, action, details: { requestId: row.id, ...details } });
  }

  private recordNumber(recordId: number): string {
    return (this.deps.db.prepare('SELECT number FROM records WHERE id = ?').pluck().get(recordId) as string | undefined) ?? String(recordId);
  }

  private transaction(fn: () => void): void {
    this.deps.db.transaction(fn).immediate();
  }

  private update(id: number, changes: Partial<Omit<SigningRequestRow, 'id'>>): void {
    const entries = Object.entries({ ...changes, updated_at: isoAt(this.deps.clock.now()) });
    this.deps.db
      .prepare(`UPDATE signing_requests SET ${entries.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), id);
  }
}
