import type { PHYSICAL_POST_METHOD_NAMES } from '../contract/physical-post-names';
import { writeAudit } from '../audit/audit-log';
import { messageView } from '../digital-post/message-views';
import { messageById, type MessageRow } from '../digital-post/outbox/outbox-repo';
import { letterFiles } from '../digital-post/physical-post/letter-files';
import { lettersPosted, lettersToPrint, markPosted, postedByName } from '../digital-post/physical-post/print-list';
import { proofOfDeliveryPdf } from '../digital-post/physical-post/proof-pdf';
import { isoAt } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { HandlerContext, HandlerTable } from './handler';
import { currentUser, language } from './handler';

type Methods = (typeof PHYSICAL_POST_METHOD_NAMES)[number];

/**
 * The letter, if the signed-in caseworker may see its record. Every signed-in
 * caseworker may open every record today (getRecord's rule: no per-record
 * visibility exists), so this refuses a caller with no caseworker and a letter
 * whose record is gone; the kiosk and a locked screen are refused by the
 * dispatcher (METHOD_ACCESS 'signed_in'). One place to tighten if records get owners.
 */
function letterForCaller(ctx: HandlerContext, id: number): { row: MessageRow; userId: number; recordNumber: string | null } {
  const user = currentUser(ctx);
  const da = language(ctx) === 'da';
  const row = messageById(ctx.services.db, id);
  if (!row) throw new DomainError('not_found', da ? 'Brevet findes ikke' : 'The letter was not found');
  let recordNumber: string | null = null;
  if (row.record_id !== null) {
    recordNumber = (ctx.services.db.prepare('SELECT number FROM records WHERE id = ?').pluck().get(row.record_id) as string | undefined) ?? null;
    if (recordNumber === null) throw new DomainError('not_allowed', da ? 'Du har ikke adgang til sagen, som brevet hører til' : 'You do not have access to the record the letter belongs to');
  }
  return { row, userId: user.id, recordNumber };
}

const view = (ctx: HandlerContext, row: MessageRow) => messageView(ctx.services.db, row, language(ctx));

export const physicalPostHandlers: HandlerTable<Methods> = {
  getLetterPdf: (input, ctx) => {
    const { row, userId } = letterForCaller(ctx, input.id);
    const files = letterFiles(row);
    const index = input.file ?? 0;
    const file = files[index];
    if (!file) throw new DomainError('not_found', language(ctx) === 'da' ? 'Brevet har ikke den fil' : 'The letter has no such file');
    // Opening a letter is reading personal data: who, which letter, which file, and why (view, download, print).
    writeAudit(ctx.services.db, {
      at: isoAt(ctx.services.clock.now()),
      userId,
      recordId: row.record_id,
      action: 'digital_post.letter_opened',
      details: { messageUuid: row.message_uuid, subject: row.subject, fileName: file.fileName, purpose: input.purpose },
    });
    return { fileName: file.fileName, pdfBase64: file.content.toString('base64'), fileCount: files.length };
  },
  getPrintList: (_input, ctx) => {
    currentUser(ctx);
    const db = ctx.services.db;
    return { waiting: lettersToPrint(db).map((r) => view(ctx, r)), posted: lettersPosted(db).map((r) => view(ctx, r)) };
  },
  markLettersPosted: (input, ctx) => {
    const user = currentUser(ctx);
    for (const id of input.ids) letterForCaller(ctx, id);
    const rows = markPosted(ctx.services.db, ctx.services.clock, { ids: input.ids, postedOn: input.postedOn, userId: user.id }, language(ctx));
    const recordIds = [...new Set(rows.map((r) => r.record_id).filter((r): r is number => r !== null))];
    ctx.services.events.emit('recordsChanged', { recordIds });
    // A record waiting on "all letters delivered" may move now.
    ctx.services.timedActions.wake();
    return rows.map((r) => view(ctx, r));
  },
  getProofOfDeliveryPdf: (input, ctx) => {
    const { row, userId, recordNumber } = letterForCaller(ctx, input.id);
    const s = ctx.services.digitalPost.settings();
    const now = isoAt(ctx.services.clock.now());
    const { fileName, pdf } = proofOfDeliveryPdf(
      row,
      { recordNumber, senderLabel: s.senderLabel, senderCvr: s.senderCvr, postedByName: postedByName(ctx.services.db, row), generatedAt: now },
      language(ctx),
    );
    writeAudit(ctx.services.db, { at: now, userId, recordId: row.record_id, action: 'digital_post.proof_downloaded', details: { messageUuid: row.message_uuid, format: 'pdf' } });
    return { fileName, pdfBase64: Buffer.from(pdf).toString('base64') };
  },
};
