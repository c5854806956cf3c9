import { z } from 'zod';
import { checkCpr } from '../cpr/cpr';
import { DomainError } from '../shared/domain-error';
import { importRefusal } from '../workspace/import-refusal';
import { actingUserOf, type StatusActionType } from '../status-actions/action-type';
import type { Db } from '../store/database';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';
import { insertSigningRequest } from './signing-request-row';

const statusId = z.int().min(1).nullable();
const params = z.strictObject({
  templateId: z.int().min(1),
  /** The CPR field whose person signs; null = the record's CPR field (role `cpr`). */
  cprFieldKey: z.string().min(1).max(64).nullable().default(null),
  /** A second CPR field (e.g. a co-applicant's) whose person signs after the first; null = one signatory. */
  secondCprFieldKey: z.string().min(1).max(64).nullable().default(null),
  title: z.string().trim().min(1).max(120),
  /** Shown in the MitID app while signing (MitID allows 130 characters). */
  message: z.string().max(130).default(''),
  signedStatusId: statusId.default(null),
  rejectedStatusId: statusId.default(null),
  expiredStatusId: statusId.default(null),
});
export type RequestSignatureParams = z.infer<typeof params>;

const STATUS_KEYS = ['signedStatusId', 'rejectedStatusId', 'expiredStatusId'] as const;

/** The statuses of the workflow that `statusId` belongs to: the only ones its actions may move to. */
function ownWorkflowStatuses(ws: WorkspaceSnapshot, statusId: number) {
  const own = ws.statusesById.get(statusId);
  return own ? (ws.workflowsById.get(own.workflowId)?.statuses ?? []) : [];
}

function cprField(p: RequestSignatureParams, ws: WorkspaceSnapshot) {
  return p.cprFieldKey === null ? ws.fieldByRole.get('cpr') : ws.fieldsByKey.get(p.cprFieldKey);
}

/** The CPR stored in a field of the record, or undefined when the field is empty. */
function storedValue(db: Db, recordId: number, fieldId: number): string | undefined {
  return db.prepare('SELECT value FROM record_values WHERE record_id = ? AND field_id = ?').pluck().get(recordId, fieldId) as string | undefined;
}

/** The second signatory's CPR, checked; null when the action has one signatory. Errors in Danish: the caseworker reads them. */
function secondSigner(p: RequestSignatureParams, ws: WorkspaceSnapshot, db: Db, recordId: number, firstCpr: string): string | null {
  if (p.secondCprFieldKey === null) return null;
  const field = ws.fieldsByKey.get(p.secondCprFieldKey);
  if (!field) throw new DomainError('invalid_input', `feltet "${p.secondCprFieldKey}" til den anden underskriver findes ikke længere`);
  const value = storedValue(db, recordId, field.id);
  if (!value?.trim()) {
    throw new DomainError('invalid_input', `Sagen har intet CPR-nummer i "${field.label}", så den anden underskriver kan ikke bedes om at underskrive. Udfyld feltet og skift status igen.`);
  }
  const cpr = checkCpr(value);
  if (!cpr.ok) throw new DomainError('invalid_input', `CPR-nummeret i "${field.label}" (den anden underskriver) er ikke gyldigt`);
  if (cpr.cpr === firstCpr) throw new DomainError('invalid_input', `"${field.label}" har samme CPR-nummer som den første underskriver; to forskellige personer skal underskrive`);
  return cpr.cpr;
}

/**
 * "Request MitID signature": records a signing request inside the job's
 * transaction, so it exists exactly when the job completes. The signing worker
 * then generates the document, creates the Idura order, sends the link by
 * Digital Post and follows the order until it is signed, rejected or expired.
 */
export const requestSignatureAction: StatusActionType<RequestSignatureParams> = {
  type: 'request_signature',
  labelKey: 'actionTypes.request_signature',
  kind: 'local',
  params,
  check(p, ws, dir, ownStatusId) {
    const field = cprField(p, ws);
    if (!field) return p.cprFieldKey === null ? 'the workspace has no CPR field' : `unknown field "${p.cprFieldKey}"`;
    if (field.type !== 'cpr') return `"${field.key}" is not a CPR field`;
    if (p.secondCprFieldKey !== null) {
      const second = ws.fieldsByKey.get(p.secondCprFieldKey);
      if (!second) return `unknown field "${p.secondCprFieldKey}"`;
      if (second.type !== 'cpr') return `"${second.key}" is not a CPR field`;
      if (second.id === field.id) return 'the second signatory needs another CPR field than the first';
    }
    if (dir.templateName(p.templateId) === null) return `document template ${p.templateId} does not exist`;
    const own = ownWorkflowStatuses(ws, ownStatusId);
    for (const key of STATUS_KEYS) {
      const id = p[key];
      if (id === null) continue;
      if (!ws.statusesById.has(id)) return `status ${id} does not exist`;
      // A signed record moves within its own workflow; another workflow's status would strand it.
      if (!own.some((s) => s.id === id)) return `status "${ws.statusesById.get(id)?.name ?? id}" belongs to another workflow`;
    }
    return null;
  },
  describe(p, ws, _dir, lang) {
    const name = (id: number | null) => (id === null ? null : (ws.statusesById.get(id)?.name ?? `#${id}`));
    const signed = name(p.signedStatusId);
    const second = p.secondCprFieldKey === null ? null : (ws.fieldsByKey.get(p.secondCprFieldKey)?.label ?? p.secondCprFieldKey);
    if (lang === 'da') {
      const who = second ? `Borgeren og derefter "${second}" bedes` : 'Borgeren bedes';
      return `${who} underskrive "${p.title}" med MitID${signed ? `; underskrevet → "${signed}"` : ''}`;
    }
    const who = second ? `The citizen and then "${second}" are` : 'The citizen is';
    return `${who} asked to sign "${p.title}" with MitID${signed ? `; signed → "${signed}"` : ''}`;
  },
  apply(p, ctx) {
    const field = cprField(p, ctx.workspace);
    if (!field) throw new DomainError('invalid_input', 'the workspace has no CPR field to find the signer');
    const value = storedValue(ctx.db, ctx.recordId, field.id);
    if (!value) throw new DomainError('invalid_input', `the record has no CPR number in "${field.label}", so nobody can be asked to sign`);
    const cpr = checkCpr(value);
    if (!cpr.ok) throw new DomainError('invalid_input', `the CPR number in "${field.label}" is not valid`);
    // Checked before anything is recorded: with the second CPR missing, no request (and so no order) exists.
    const secondCpr = secondSigner(p, ctx.workspace, ctx.db, ctx.recordId, cpr.cpr);
    const responsible = ctx.db.prepare('SELECT responsible_user_id FROM records WHERE id = ?').pluck().get(ctx.recordId) as number | null;
    const id = insertSigningRequest(ctx.db, {
      recordId: ctx.recordId,
      jobId: ctx.jobId,
      idempotencyKey: ctx.idempotencyKey,
      templateId: p.templateId,
      signerCpr: cpr.cpr,
      secondSignerCpr: secondCpr,
      title: p.title,
      message: p.message,
      signedStatusId: p.signedStatusId,
      rejectedStatusId: p.rejectedStatusId,
      expiredStatusId: p.expiredStatusId,
      // The letter's {{caseworker}}: the record's responsible caseworker, else whoever moved it here.
      caseworkerUserId: responsible ?? actingUserOf(ctx.db, ctx.jobId),
      now: Date.now(),
    });
    return `signing request ${id} recorded`;
  },
  toPortable(p, dir, ws) {
    const name = (id: number | null) => (id === null ? null : (ws.statusesById.get(id)?.name ?? null));
    return {
      // By name: template ids differ between installations (the file carries the templates).
      template: dir.templateName(p.templateId),
      cprFieldKey: p.cprFieldKey,
      secondCprFieldKey: p.secondCprFieldKey,
      title: p.title,
      message: p.message,
      signedStatus: name(p.signedStatusId),
      rejectedStatus: name(p.rejectedStatusId),
      expiredStatus: name(p.expiredStatusId),
    };
  },
  fromPortable(portable, dir, ws, ownStatusId) {
    // Status names resolve among the statuses of the action's own workflow.
    const own = ownWorkflowStatuses(ws, ownStatusId);
    const id = (name: unknown) => {
      if (typeof name !== 'string') return null;
      const found = own.find((s) => s.name === name);
      if (!found) {
        const workflow = ws.workflowsById.get(ws.statusesById.get(ownStatusId)?.workflowId ?? -1)?.name ?? '';
        throw importRefusal('statusMissing', { workflow, status: name }, `the workflow has no status "${name}" to move the record to`);
      }
      return found.id;
    };
    if (typeof portable.template !== 'string') {
      throw importRefusal('templateById', {}, 'the file names its document template by id, which means nothing in another installation; export it again from a current version');
    }
    const templateId = dir.templateIdByName(portable.template);
    if (templateId === null) {
      throw importRefusal('templateMissing', { name: portable.template }, `document template "${portable.template}" is neither in the file nor in this workspace`);
    }
    return params.parse({
      templateId,
      cprFieldKey: portable.cprFieldKey ?? null,
      secondCprFieldKey: portable.secondCprFieldKey ?? null,
      title: portable.title,
      message: portable.message ?? '',
      signedStatusId: id(portable.signedStatus),
      rejectedStatusId: id(portable.rejectedStatus),
      expiredStatusId: id(portable.expiredStatus),
    });
  },
};
