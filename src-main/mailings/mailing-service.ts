import type { MailingFilter, MailingState, MailingView, PreviewPdf } from '../contract';
import { mailingFilterSchema } from '../contract';
import type { DigitalPostPort } from '../digital-post/digital-post-port';
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
}

/** The outbox's key for one letter of one mailing: queueing it twice never sends twice. */
export const mailingLetterKey = (mailingId: number, recordId: number): string => `mailing:${mailingId}:record:${recordId}`;

/**
 * Mailings: one personalised letter per record chosen by a record-list filter,
 * rendered from a document template and queued through Digital Post's outbox.
 * The records are fixed when the mailing is created; preparing works through
 * the pending ones in chunks, each chunk one transaction that queues its
 * letters and marks them queued together. A crash loses at most the chunk in
 * hand, and preparing again picks up where it stopped with the same
 * idempotency keys.
 */
export class MailingService {
  private readonly running = new Map<number, Promise<MailingView>>();

  constructor(
    private readonly db: Db,
    private readonly documents: DocumentService,
    private readonly digitalPost: DigitalPostPort,
    private readonly clock: Clock,
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
        'SELECT m.id, m.name, m.template_id, t.name AS template_name, m.filter, m.state, m.created_at, m.prepared_at FROM mailings m JOIN document_templates t ON t.id = m.template_id WHERE m.id = ?',
      )
      .get(id) as MailingRow | undefined;
    if (!m) throw notFound('Mailing');
    const counts = { pending: 0, queued: 0, skipped: 0 };
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
      total: counts.pending + counts.queued + counts.skipped,
      ...counts,
      delivery,
      createdAt: m.created_at,
      preparedAt: m.prepared_at,
    };
  }

  /** The first few letters exactly as they will be sent. */
  preview(id: number, count: number, userId: number | null): PreviewPdf[] {
    const m = this.view(id);
    const ids = this.db.prepare('SELECT record_id FROM mailing_items WHERE mailing_id = ? ORDER BY record_id LIMIT ?').pluck().all(id, count) as number[];
    return this.documents.preview(m.templateId, ids, userId);
  }

  /**
   * Prepares every pending letter. Returns at once with the running promise if
   * this mailing is already being prepared; resumes an interrupted one.
   */
  prepare(id: number, userId: number | null, options: { chunk?: number; onProgress?: (p: MailingProgress) => void } = {}): Promise<MailingView> {
    const already = this.running.get(id);
    if (already) return already;
    const run = this.run(id, userId, options).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  private async run(id: number, userId: number | null, options: { chunk?: number; onProgress?: (p: MailingProgress) => void }): Promise<MailingView> {
    const before = this.view(id);
    if (before.state === 'prepared' && before.pending === 0) return before;
    this.db.prepare("UPDATE mailings SET state = 'preparing' WHERE id = ?").run(id);
    const template = this.documents.templates.get(before.templateId);
    const compiled = this.documents.compile(template);
    if (compiled.errors.length) {
      // The workspace changed since the template was saved (a field was removed).
      throw new DomainError('validation_failed', 'the template no longer matches the workspace fields; open and save it again', compiled.errors);
    }
    const chunk = options.chunk ?? DEFAULT_CHUNK;
    const pendingIds = this.db.prepare("SELECT record_id FROM mailing_items WHERE mailing_id = ? AND state = 'pending' ORDER BY record_id LIMIT ?").pluck();
    const markQueued = this.db.prepare("UPDATE mailing_items SET state = 'queued', message_id = ? WHERE mailing_id = ? AND record_id = ?");
    const markSkipped = this.db.prepare("UPDATE mailing_items SET state = 'skipped', reason = ? WHERE mailing_id = ? AND record_id = ?");
    const resources: { current: PdfResources | null } = { current: null };
    let done = before.queued + before.skipped;
    for (;;) {
      const ids = pendingIds.all(id, chunk) as number[];
      if (ids.length === 0) break;
      const records = this.documents.load(ids, userId);
      const found = new Set(records.map((r) => r.recordId));
      const withCpr = records.filter((r) => r.cpr);
      // Rendering happens outside the transaction: the write lock is held only for the inserts.
      const letters = this.documents.renderMany(template, compiled, withCpr, resources);
      this.db
        .transaction(() => {
          for (const recordId of ids) if (!found.has(recordId)) markSkipped.run('record_missing', id, recordId);
          for (const r of records) if (!r.cpr) markSkipped.run('no_cpr', id, r.recordId);
          for (const letter of letters) {
            const queued = this.digitalPost.queue({
              recordId: letter.record.recordId,
              recipientCpr: letter.record.cpr as string,
              subject: letter.title.slice(0, 200),
              mainDocument: { fileName: letter.fileName, content: letter.pdf, mimeType: 'application/pdf' },
              idempotencyKey: mailingLetterKey(id, letter.record.recordId),
              mailingId: id,
            });
            markQueued.run(queued.messageId, id, letter.record.recordId);
          }
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
}
