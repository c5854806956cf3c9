import { z } from 'zod';
import { checkCpr, maskCpr } from '../../cpr/cpr';
import { isoAt } from '../../shared/clock';
import { DomainError } from '../../shared/domain-error';
import { importRefusal } from '../../workspace/import-refusal';
import { actingUserOf, type StatusActionType } from '../../status-actions/action-type';
import type { DocumentPort } from '../../documents/document-port';
import type { DigitalPostPort } from '../digital-post-port';
import { simpleLetterPdf } from '../letter/simple-letter-pdf';
import { fillTemplate, safeFileName } from '../letter/template';

const recipient = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('raw'), cpr: z.string().max(11) }),
  z.strictObject({ mode: z.literal('field'), fieldKey: z.string().min(1).max(64) }),
]);

const params = z.strictObject({
  recipient,
  subject: z.string().min(1).max(250),
  notification: z.string().max(150).default(''),
  body: z.string().max(20_000),
  /** Document templates rendered with the record's data and attached to the letter. */
  attachTemplateIds: z.array(z.int().min(1)).max(10).default([]),
});
export type SendDigitalPostParams = z.infer<typeof params>;

/**
 * "Send Digital Post": when a record enters the status, a letter (the body
 * on the workspace's letterhead as a PDF, subject and notification filled from the record's
 * fields) is queued in the Digital Post outbox. The action is local: the outbox
 * row commits with the job, and the job's idempotency key makes a retried job
 * return the letter already queued. The sender delivers it afterwards.
 */
export function createSendDigitalPostAction(port: () => DigitalPostPort, documents?: () => DocumentPort): StatusActionType<SendDigitalPostParams> {
  return {
    type: 'send_digital_post',
    labelKey: 'actionTypes.send_digital_post',
    kind: 'local',
    params,
    check(p, ws, dir) {
      const missing = p.attachTemplateIds.find((id) => dir.templateName(id) === null);
      if (missing !== undefined) return `document template ${missing} does not exist`;
      if (p.recipient.mode === 'raw') return checkCpr(p.recipient.cpr).ok ? null : 'the fixed recipient is not a valid CPR number';
      const field = ws.fieldsByKey.get(p.recipient.fieldKey);
      return field?.type === 'cpr' ? null : `"${p.recipient.fieldKey}" is not a CPR field`;
    },
    describe(p, ws, _dir, lang) {
      const who =
        p.recipient.mode === 'raw'
          ? maskCpr(p.recipient.cpr)
          : (ws.fieldsByKey.get(p.recipient.fieldKey)?.label ?? p.recipient.fieldKey);
      return lang === 'da' ? `Digital Post "${p.subject}" sendes til ${who}` : `Digital Post "${p.subject}" is sent to ${who}`;
    },
    apply(p, ctx) {
      const values = new Map(
        (ctx.db.prepare('SELECT field_id, value FROM record_values WHERE record_id = ?').all(ctx.recordId) as { field_id: number; value: string }[]).map(
          (r) => [r.field_id, r.value],
        ),
      );
      let cpr: string;
      if (p.recipient.mode === 'raw') cpr = p.recipient.cpr;
      else {
        const field = ctx.workspace.fieldsByKey.get(p.recipient.fieldKey);
        cpr = field ? (values.get(field.id) ?? '') : '';
        if (!cpr) throw new DomainError('validation_failed', `the record has no CPR number in "${field?.label ?? p.recipient.fieldKey}"; no letter was sent`);
      }
      const subject = fillTemplate(p.subject, values, ctx.workspace);
      const body = fillTemplate(p.body, values, ctx.workspace);
      // On the workspace's letterhead where the documents module is wired in (always, in the app).
      const pdf = documents
        ? documents().recordLetter({ recordId: ctx.recordId, subject, body, actingUserId: actingUserOf(ctx.db, ctx.jobId) }).pdf
        : simpleLetterPdf({ title: subject, body, date: isoAt(Date.now()).slice(0, 10) });
      const attachments = p.attachTemplateIds.map((templateId) => {
        if (!documents) throw new DomainError('not_allowed', 'documents cannot be attached here');
        const doc = documents().generate({ templateId, recordId: ctx.recordId, caseworkerUserId: actingUserOf(ctx.db, ctx.jobId) });
        return { fileName: doc.fileName, content: doc.pdf };
      });
      const queued = port().queue({
        recordId: ctx.recordId,
        recipientCpr: cpr,
        subject,
        ...(p.notification ? { notification: fillTemplate(p.notification, values, ctx.workspace) } : {}),
        mainDocument: { fileName: safeFileName(subject), content: pdf },
        ...(attachments.length ? { attachments } : {}),
        idempotencyKey: ctx.idempotencyKey,
      });
      return `Digital Post queued as message ${queued.messageId}`;
    },
    // Attached templates by name: template ids differ between installations.
    toPortable: ({ attachTemplateIds, ...p }, dir) => ({ ...p, attachTemplates: attachTemplateIds.map((id) => dir.templateName(id) ?? `#${id}`) }),
    fromPortable: ({ attachTemplates, attachTemplateIds, ...rest }, dir) => {
      if (Array.isArray(attachTemplateIds) && attachTemplateIds.length > 0) {
        throw importRefusal('templateById', {}, 'the file names attached document templates by id, which means nothing in another installation; export it again from a current version');
      }
      const names = Array.isArray(attachTemplates) ? attachTemplates : [];
      const ids = names.map((name) => {
        const id = typeof name === 'string' ? dir.templateIdByName(name) : null;
        if (id === null) throw importRefusal('templateMissing', { name: String(name) }, `document template "${String(name)}" is neither in the file nor in this workspace`);
        return id;
      });
      return params.parse({ ...rest, attachTemplateIds: ids });
    },
  };
}
