import { createHash } from 'node:crypto';
import { writeAudit } from '../audit/audit-log';
import type { Language, MailingFilter, MailingSendSummary, MailingState, MailingView, PhysicalPostReason, PreviewPdf } from '../contract';
import { mailingFilterSchema } from '../contract';
import { assertWithinBudget, fitsBudget } from '../costs/budget-guard';
import type { Budgets } from '../costs/budgets';
import type { DigitalPostPort, OutgoingLetter } from '../digital-post/digital-post-port';
import type { ContactStatus } from '../digital-post/transport/transport';
import type { DocumentService } from '../documents/document-service';
import type { PdfResources } from '../documents/pdf/pdf-resources';
import { listRecords } from '../records/record-list';
import { isoAt, type Clock } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';

/** At most this many letters per mailing: a municipality's largest mailings, with room to spare. */
export const MAX_MAILING_SIZE = 100_000;
/** Letters per transaction: ~0.1–0.3 s of work, after which the event loop gets a turn. */
export const DEFAULT_CHUNK = 200;
/** Physical-post recipients listed by name in the send dialog (the count covers all). */
const LISTED_PHYSICAL = 200;

/** What preparing and sending need beyond the outbox: the price of a letter, the contact look-up, the physical-post route, the budget. */
export interface MailingSendDeps {
  /** The Digital Post price of this letter's MeMo message, from the price settings (øre). */
  priceOre: (letter: OutgoingLetter) => number;
  /** Are these citizens on Digital Post? A failed look-up is UNKNOWN (the letter goes digitally; the access point still routes an exempt citizen). */
  lookupContacts?: (cprs: readonly string[]) => Promise<ContactStatus[]>;
  /** Marks a just-queued letter for physical post (the outbox's route, which tells the record's responsibles). */
  toPhysicalPost: (messageId: number, code: string) => void;
  budgets: Budgets;
  /** What the price settings are now: part of the fingerprint, so a changed price list reshows the dialog. */
  priceSettings: () => unknown;
  language: () => Language;
}

export interface MailingProgress {
  total: number;
  done: number;
}

interface MailingRow {
  id: number;
  name: string;
  template_id: number;
  template_name: string;
  filter: string;
  state: MailingState;
  created_at: string;
  prepared_at: string | null;
  sent_at: string | null;
}

/** The outbox's key for one letter of one mailing: queueing it twice never sends twice. */
export const mailingLetterKey = (mailingId: number, recordId: number): string => `mailing:${mailingId}:record:${recordId}`;

interface RenderedItem {
  record_id: number;
  recipient_cpr: string;
  subject: string;
  file_name: string;
  pdf: Buffer;
  channel: 'digital' | 'physical';
  physical_reason: string;
}

const physicalReason = (contact: ContactStatus): PhysicalPostReason | null => (contact === 'EXEMPT' ? 'exempt' : contact === 'CLOSED' ? 'no_mailbox' : null);

/**
 * Mailings: one personalised letter per record chosen by a record-list filter,
 * rendered from a document template and sent through Digital Post's outbox.
 * A mailing is a decision, not a click (issue 14):
 * - preparing renders each letter, prices it and looks up whether the citizen
 *   is on Digital Post; it queues nothing. Chunks of one transaction each: a
 *   crash loses at most the chunk in hand and preparing again continues.
 * - sending is separate: the send summary states letters, citizens, physical
 *   post (and why) and the projected cost, with a fingerprint of those
 *   figures. `send` refuses a fingerprint that no longer matches and a cost
 *   over what is left of the month's budget, before anything is queued; then
 *   it queues the rendered letters in chunks with the same idempotency keys.
 */
export class MailingService {
  private readonly running = new Map<number, Promise<MailingView>>();

  constructor(
    private readonly db: Db,
    private readonly documents: DocumentService,
    private readonly digitalPost: DigitalPostPort,
    private readonly clock: Clock,
    private readonly deps: MailingSendDeps,
  ) {}

  /** `user` is whose records `mine` means; `authorId` is recorded as the mailing's author (null from the CLI without --as). */
  create(input: { name: string; templateId: number; filter: MailingFilter }, user: { id: number; groupIds: number[] }, authorId: number | null = user.id): MailingView {
    this.documents.templates.get(input.templateId);
    const ids: number[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = listRecords(this.db, { ...input.filter, sortBy: 'number', sortDir: 'asc', offset, limit: 500 }, user);
      for (const r of page.rows) ids.push(r.id);
      if (page.rows.length < 500) break;
      if (ids.length > MAX_MAILING_SIZE) throw new DomainError('invalid_input', `a mailing can hold at most ${MAX_MAILING_SIZE} letters; narrow the filter`);
    }
    if (ids.length === 0) throw new DomainError('invalid_input', 'no records match the filter', [{ field: 'filter', key: 'mailing_no_records' }]);
    const at = isoAt(this.clock.now());
    const id = this.db
      .transaction(() => {
        const mailingId = Number(
          this.db
            .prepare("INSERT INTO mailings (name, template_id, filter, state, created_at, created_by) VALUES (?, ?, ?, 'draft', ?, ?)")
            .run(input.name.trim(), input.templateId, JSON.stringify(input.filter), at, authorId).lastInsertRowid,
        );
        const insert = this.db.prepare("INSERT INTO mailing_items (mailing_id, record_id, state) VALUES (?, ?, 'pending')");
        for (const recordId of ids) insert.run(mailingId, recordId);
        return mailingId;
      })
      .immediate();
    return this.view(id);
  }

  list(): MailingView[] {
    const ids = this.db.prepare('SELECT id FROM mailings ORDER BY id DESC LIMIT 200').pluck().all() as number[];
    return ids.map((id) => this.view(id));
  }

  view(id: number): MailingView {
    const m = this.db
      .prepare(
        'SELECT m.id, m.name, m.template_id, t.name AS template_name, m.filter, m.state, m.created_at, m.prepared_at, m.sent_at FROM mailings m JOIN document_templates t ON t.id = m.template_id WHERE m.id = ?',
      )
      .get(id) as MailingRow | undefined;
    if (!m) throw notFound('Mailing');
    const counts = { pending: 0, rendered: 0, queued: 0, skipped: 0 };
    for (const c of this.db.prepare('SELECT state, count(*) AS n FROM mailing_items WHERE mailing_id = ? GROUP BY state').all(id) as { state: keyof typeof counts; n: number }[]) {
      counts[c.state] = c.n;
    }
    const delivery = { delivered: 0, awaiting: 0, failed: 0, physicalPost: 0 };
    for (const c of this.db.prepare('SELECT state, count(*) AS n FROM digital_post_messages WHERE mailing_id = ? GROUP BY state').all(id) as { state: string; n: number }[]) {
      if (c.state === 'delivered' || c.state === 'read') delivery.delivered += c.n;
      else if (c.state === 'failed') delivery.failed += c.n;
      else if (c.state === 'physical_post') delivery.physicalPost += c.n;
      else if (c.state !== 'cancelled') delivery.awaiting += c.n;
    }
    const filter = mailingFilterSchema.safeParse(JSON.parse(m.filter));
    return {
      id: m.id,
      name: m.name,
      templateId: m.template_id,
      templateName: m.template_name,
      filter: filter.success ? filter.data : {},
      state: m.state,
      running: this.running.has(m.id),
      total: counts.pending + counts.rendered + counts.queued + counts.skipped,
      ...counts,
      delivery,
      createdAt: m.created_at,
      preparedAt: m.prepared_at,
      sentAt: m.sent_at,
    };
  }

  /** The first few letters exactly as they will be sent. */
  preview(id: number, count: number, userId: number | null): PreviewPdf[] {
    const m = this.view(id);
    const ids = this.db.prepare('SELECT record_id FROM mailing_items WHERE mailing_id = ? ORDER BY record_id LIMIT ?').pluck().all(id, count) as number[];
    return this.documents.preview(m.templateId, ids, userId);
  }

  /**
   * Renders every pending letter (nothing is queued). Returns at once with the
   * running promise if this mailing is already being prepared or sent; resumes an interrupted one.
   */
  prepare(id: number, userId: number | null, options: { chunk?: number; onProgress?: (p: MailingProgress) => void } = {}): Promise<MailingView> {
    return this.once(id, () => this.render(id, userId, options));
  }

  private once(id: number, work: () => Promise<MailingView>): Promise<MailingView> {
    const already = this.running.get(id);
    if (already) return already;
    const run = work().finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  private async render(id: number, userId: number | null, options: { chunk?: number; onProgress?: (p: MailingProgress) => void }): Promise<MailingView> {
    const before = this.view(id);
    if (before.pending === 0 && before.state !== 'draft' && before.state !== 'preparing') return before;
    if (before.state === 'sending' || before.state === 'sent') throw new DomainError('conflict', 'this mailing has been sent', [{ field: 'mailing', key: 'mailing_already_sent' }]);
    this.db.prepare("UPDATE mailings SET state = 'preparing' WHERE id = ?").run(id);
    const template = this.documents.templates.get(before.templateId);
    const compiled = this.documents.compile(template);
    if (compiled.errors.length) {
      // The workspace changed since the template was saved (a field was removed).
      throw new DomainError('validation_failed', 'the template no longer matches the workspace fields; open and save it again', compiled.errors);
    }
    const chunk = options.chunk ?? DEFAULT_CHUNK;
    const pendingIds = this.db.prepare("SELECT record_id FROM mailing_items WHERE mailing_id = ? AND state = 'pending' ORDER BY record_id LIMIT ?").pluck();
    const markRendered = this.db.prepare(
      `UPDATE mailing_items SET state = 'rendered', recipient_cpr = ?, subject = ?, file_name = ?, pdf = ?, cost_ore = ?, channel = ?, physical_reason = ?
       WHERE mailing_id = ? AND record_id = ?`,
    );
    const markSkipped = this.db.prepare("UPDATE mailing_items SET state = 'skipped', reason = ? WHERE mailing_id = ? AND record_id = ?");
    const resources: { current: PdfResources | null } = { current: null };
    let done = before.rendered + before.queued + before.skipped;
    for (;;) {
      const ids = pendingIds.all(id, chunk) as number[];
      if (ids.length === 0) break;
      const records = this.documents.load(ids, userId);
      const found = new Set(records.map((r) => r.recordId));
      const withCpr = records.filter((r) => r.cpr);
      // Rendering and look-ups happen outside the transaction: the write lock is held only for the updates.
      const letters = this.documents.renderMany(template, compiled, withCpr, resources).map((letter) => {
        const outgoing = this.letterOf(id, letter.record.recordId, letter.record.cpr as string, letter.title.slice(0, 200), letter.fileName, letter.pdf);
        // The builder's checks run here too: a letter Digital Post would refuse fails the preparation, not the send.
        return { letter, outgoing, costOre: this.deps.priceOre(outgoing) };
      });
      const contacts = await this.lookUp(letters.map((l) => l.outgoing.recipientCpr));
      this.db
        .transaction(() => {
          for (const recordId of ids) if (!found.has(recordId)) markSkipped.run('record_missing', id, recordId);
          for (const r of records) if (!r.cpr) markSkipped.run('no_cpr', id, r.recordId);
          letters.forEach(({ outgoing, costOre }, i) => {
            const physical = physicalReason(contacts[i] ?? 'UNKNOWN');
            markRendered.run(
              outgoing.recipientCpr,
              outgoing.subject,
              outgoing.mainDocument.fileName,
              Buffer.from(outgoing.mainDocument.content),
              physical ? 0 : costOre,
              physical ? 'physical' : 'digital',
              physical ?? '',
              id,
              outgoing.recordId,
            );
          });
        })
        .immediate();
      done += ids.length;
      options.onProgress?.({ total: before.total, done });
      // Let the UI's requests in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.db.prepare("UPDATE mailings SET state = 'prepared', prepared_at = ? WHERE id = ?").run(isoAt(this.clock.now()), id);
    return this.view(id);
  }

  private letterOf(mailingId: number, recordId: number, cpr: string, subject: string, fileName: string, pdf: Uint8Array): OutgoingLetter {
    return {
      recordId,
      recipientCpr: cpr,
      subject,
      mainDocument: { fileName, content: pdf, mimeType: 'application/pdf' },
      idempotencyKey: mailingLetterKey(mailingId, recordId),
      mailingId,
    };
  }

  private async lookUp(cprs: string[]): Promise<ContactStatus[]> {
    const unknown = (): ContactStatus[] => cprs.map(() => 'UNKNOWN');
    if (!this.deps.lookupContacts || cprs.length === 0) return unknown();
    // Digital Post cannot be asked now (no settings, no network): the letters go digitally.
    return this.deps.lookupContacts(cprs).catch(unknown);
  }

  /** What the send dialog shows: letters, citizens, physical post and why, the projected cost and the month's budget. */
  sendSummary(id: number): MailingSendSummary {
    const m = this.view(id);
    const totals = this.db
      .prepare(
        `SELECT count(*) AS letters, count(DISTINCT recipient_cpr) AS citizens, coalesce(sum(channel = 'physical'), 0) AS physical, coalesce(sum(cost_ore), 0) AS cost
         FROM mailing_items WHERE mailing_id = ? AND state = 'rendered'`,
      )
      .get(id) as { letters: number; citizens: number; physical: number; cost: number };
    const physicalRecipients = (
      this.db
        .prepare(
          `SELECT mi.record_id, r.number, mi.physical_reason FROM mailing_items mi JOIN records r ON r.id = mi.record_id
           WHERE mi.mailing_id = ? AND mi.state = 'rendered' AND mi.channel = 'physical' ORDER BY r.number LIMIT ?`,
        )
        .all(id, LISTED_PHYSICAL) as { record_id: number; number: string; physical_reason: PhysicalPostReason }[]
    ).map((r) => ({ recordId: r.record_id, recordNumber: r.number, reason: r.physical_reason }));
    const budget = this.deps.budgets.status('digital_post');
    const shown = { mailingId: id, state: m.state, letters: totals.letters, citizens: totals.citizens, physical: totals.physical, costOre: totals.cost };
    // The figures the caseworker decides on, plus what they rest on (the price list, which letters go which way).
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ shown, prices: this.deps.priceSettings(), physical: physicalRecipients.map((p) => [p.recordId, p.reason]) }))
      .digest('hex');
    return {
      mailingId: id,
      letters: totals.letters,
      citizens: totals.citizens,
      digital: totals.letters - totals.physical,
      physical: totals.physical,
      physicalRecipients,
      skipped: m.skipped,
      costOre: totals.cost,
      budget,
      withinBudget: fitsBudget(budget, totals.cost),
      fingerprint,
    };
  }

  /**
   * Sends the rendered letters, if `confirmation` is the fingerprint of the
   * summary as it is now and the cost fits the month's Digital Post budget;
   * both are checked before anything is queued.
   */
  send(id: number, confirmation: string, userId: number | null, options: { chunk?: number; onProgress?: (p: MailingProgress) => void } = {}): Promise<MailingView> {
    const running = this.running.get(id);
    if (running) return running;
    const m = this.view(id);
    if (m.state !== 'prepared' && m.state !== 'sending') {
      throw new DomainError('conflict', m.state === 'sent' ? 'this mailing has been sent' : 'prepare the mailing before sending it', [
        { field: 'mailing', key: m.state === 'sent' ? 'mailing_already_sent' : 'mailing_not_prepared' },
      ]);
    }
    const summary = this.sendSummary(id);
    if (summary.fingerprint !== confirmation) {
      throw new DomainError('figures_changed', 'the count or cost changed since the send dialog was shown; look at it again', [{ field: 'confirmation', key: 'mailing_figures_changed' }]);
    }
    assertWithinBudget(this.deps.budgets, [{ kind: 'digital_post', costOre: summary.costOre }], this.deps.language());
    writeAudit(this.db, {
      at: isoAt(this.clock.now()),
      userId,
      recordId: null,
      action: 'mailing.send_confirmed',
      details: { mailingId: id, letters: summary.letters, citizens: summary.citizens, physical: summary.physical, costOre: summary.costOre },
    });
    this.db
      .prepare("UPDATE mailings SET state = 'sending', sent_by = ?, confirmed_letters = coalesce(confirmed_letters, 0) + ?, confirmed_cost_ore = coalesce(confirmed_cost_ore, 0) + ? WHERE id = ?")
      .run(userId, summary.letters, summary.costOre, id);
    return this.once(id, () => this.queueRendered(id, m.total, options));
  }

  private async queueRendered(id: number, total: number, options: { chunk?: number; onProgress?: (p: MailingProgress) => void }): Promise<MailingView> {
    const chunk = options.chunk ?? DEFAULT_CHUNK;
    const next = this.db.prepare(
      "SELECT record_id, recipient_cpr, subject, file_name, pdf, channel, physical_reason FROM mailing_items WHERE mailing_id = ? AND state = 'rendered' ORDER BY record_id LIMIT ?",
    );
    // The outbox keeps the letter from here on: the item's copy of the PDF goes.
    const markQueued = this.db.prepare("UPDATE mailing_items SET state = 'queued', message_id = ?, pdf = NULL WHERE mailing_id = ? AND record_id = ?");
    for (;;) {
      const items = next.all(id, chunk) as RenderedItem[];
      if (items.length === 0) break;
      const physical: { messageId: number; reason: string }[] = [];
      this.db
        .transaction(() => {
          for (const item of items) {
            const queued = this.digitalPost.queue(this.letterOf(id, item.record_id, item.recipient_cpr, item.subject, item.file_name, item.pdf));
            markQueued.run(queued.messageId, id, item.record_id);
            if (item.channel === 'physical') physical.push({ messageId: queued.messageId, reason: item.physical_reason });
          }
        })
        .immediate();
      // Synchronously after the commit, before the sender's next turn can take them.
      for (const p of physical) this.deps.toPhysicalPost(p.messageId, p.reason === 'no_mailbox' ? 'recipient.no_mailbox' : 'recipient.exempt');
      options.onProgress?.({ total, done: this.view(id).queued + this.view(id).skipped });
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.db.prepare("UPDATE mailings SET state = 'sent', sent_at = ? WHERE id = ?").run(isoAt(this.clock.now()), id);
    return this.view(id);
  }
}
