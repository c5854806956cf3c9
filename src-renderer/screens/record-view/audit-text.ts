import type { TFunction } from 'i18next';
import type { AuditEntry, FieldDef, GroupView, SigningErrorView, StatusDef, UserView } from '../../../src-main/contract';
import { formatNumber } from '../../../src-main/shared/danish-formats';
import { i18n } from '../../i18n/i18n';
import { signingErrorText } from '../../i18n/translate-error';
import { formatDate, formatStoredNumber } from '../../components/format';

// The trail is stored as codes and parameters (src-main/audit/audit-log.ts) and worded
// here, when shown, in the reader's language: field keys become their labels, ids
// become names, booleans Ja/Nej, numbers Danish. Ids that mean nothing to a
// caseworker (Idura order ids, message UUIDs, hashes) are never shown.

/** The lookups of the workspace context the trail needs (kept structural so plain Node tests can use it). */
export interface AuditLookups {
  fieldByKey: Map<string, FieldDef>;
  statusById: Map<number, StatusDef>;
  userById: Map<number, UserView>;
  groupById: Map<number, GroupView>;
}
type Workspace = AuditLookups;

const dynamicT = (t: TFunction): ((key: string, o?: object) => string) => t as unknown as (key: string, o?: object) => string;

/** `record.fields_changed` → the catalogue's `auditActions.record_fields_changed` (dots are key separators). */
export function auditActionLabel(t: TFunction, action: string): string {
  const key = `auditActions.${action.replace(/\./g, '_')}`;
  return i18n.exists(key) ? dynamicT(t)(key) : dynamicT(t)('auditActions.unknown');
}

function viaText(t: TFunction, via: unknown): string | null {
  if (typeof via !== 'string' || via === '') return null;
  const key = `auditVia.${via}`;
  return i18n.exists(key) ? dynamicT(t)(key) : null;
}

const yesNo = (t: TFunction, v: boolean): string => dynamicT(t)(v ? 'common.yes' : 'common.no');

/** A stored field value as a caseworker reads it. */
function shownValue(t: TFunction, ws: Workspace, fieldKey: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return dynamicT(t)('auditText.empty');
  if (typeof value === 'boolean') return yesNo(t, value);
  const text = String(value);
  const field = ws.fieldByKey.get(fieldKey);
  switch (field?.type) {
    case 'user':
      return ws.userById.get(Number(text))?.name ?? text;
    case 'group':
      return ws.groupById.get(Number(text))?.name ?? text;
    case 'number':
      return formatStoredNumber(text);
    case 'yesno':
      return text === 'true' ? yesNo(t, true) : text === 'false' ? yesNo(t, false) : text;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(text) : text;
    default:
      // A field gone from the workspace: still no bare true/false.
      return text === 'true' ? yesNo(t, true) : text === 'false' ? yesNo(t, false) : text;
  }
}

const statusName = (t: TFunction, ws: Workspace, id: unknown): string =>
  ws.statusById.get(Number(id))?.name ?? dynamicT(t)('auditText.unknownStatus');

const fieldLabel = (t: TFunction, ws: Workspace, key: unknown): string =>
  (typeof key === 'string' ? ws.fieldByKey.get(key)?.label : undefined) ?? dynamicT(t)('auditText.unknownField');

/** Keys that hold internal ids, hashes or sizes in bytes: never shown as they are. */
const HIDDEN = /(^id$|Id$|Ids$|Hash$|Uuid$|^uuid$|^messageUuid$|^orderId$|^href$|Href$)/;

/** A parameter value of an event this version does not know, still without raw codes. */
function genericValue(t: TFunction, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return yesNo(t, v);
  if (typeof v === 'number') return formatNumber(String(v), i18n.language === 'en' ? 'en' : 'da');
  if (typeof v === 'string') return looksTechnical(v) ? null : v;
  if (Array.isArray(v)) {
    const items = v.map((x) => genericValue(t, x)).filter((x): x is string => x !== null);
    return items.length ? items.join(', ') : null;
  }
  return null;
}

/** base64/hex tokens, UUIDs and snake_case or dotted codes: meaningless to a caseworker. */
export function looksTechnical(text: string): boolean {
  return /^[A-Za-z0-9+/=_-]{16,}$/.test(text) || /^[a-z]+([._][a-z0-9]+)+$/.test(text);
}

function genericParts(t: TFunction, d: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (k === 'via' || HIDDEN.test(k)) continue;
    const nameKey = `auditText.paramNames.${k}`;
    const value = genericValue(t, v);
    // Only parameters with a known name: an unknown key is itself a code.
    if (value !== null && i18n.exists(nameKey)) parts.push(dynamicT(t)('auditText.param', { name: dynamicT(t)(nameKey), value }));
  }
  return parts;
}

function guardNames(t: TFunction, guards: unknown): string {
  if (!Array.isArray(guards)) return '';
  return guards
    .map((g) => (typeof g === 'string' && i18n.exists(`timedActions.guards.${g}`) ? dynamicT(t)(`timedActions.guards.${g}`) : null))
    .filter(Boolean)
    .join(', ');
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Readable details for an audit event. Unknown events (from later features, or
 * rows older than this version) show only parameters with a known name.
 * CPR numbers arrive masked.
 */
export function auditDetailText(t: TFunction, ws: Workspace, entry: AuditEntry): string {
  const d = entry.details;
  const tt = dynamicT(t);
  const parts: string[] = [];
  switch (entry.action) {
    case 'record.fields_changed':
      if (Array.isArray(d.changes)) {
        for (const c of d.changes as { field?: unknown; from?: unknown; to?: unknown }[]) {
          const key = typeof c.field === 'string' ? c.field : '';
          parts.push(tt('auditText.fieldChange', { field: fieldLabel(t, ws, key), from: shownValue(t, ws, key, c.from), to: shownValue(t, ws, key, c.to) }));
        }
      }
      break;
    case 'record.status_changed':
      parts.push(tt('auditText.statusChange', { from: statusName(t, ws, d.from), to: statusName(t, ws, d.to) }));
      break;
    case 'record.guard_overridden': {
      parts.push(tt('auditText.statusChange', { from: statusName(t, ws, d.from), to: statusName(t, ws, d.to) }));
      const guards = guardNames(t, d.guards);
      if (guards) parts.push(tt('auditText.guards', { guards }));
      if (typeof d.overrideReason === 'string' && d.overrideReason) parts.push(tt('auditText.overrideReason', { reason: d.overrideReason }));
      break;
    }
    case 'record.status_action_retried':
      if (typeof d.jobId === 'number') parts.push(tt('auditText.job', { id: d.jobId }));
      break;
    case 'record.cpr_revealed':
      parts.push(fieldLabel(t, ws, d.field));
      break;
    case 'record.created':
    case 'signing.cancel_requested':
    case 'signing.rejected':
    case 'signing.expired':
    case 'signing.cancelled':
      break;
    case 'signing.document_generated':
      if (typeof d.fileName === 'string') parts.push(tt('auditText.document', { name: d.fileName }));
      break;
    case 'signing.order_created':
      if (typeof d.signer === 'string') parts.push(tt('auditText.signer', { cpr: d.signer }));
      if (typeof d.secondSigner === 'string') parts.push(tt('auditText.secondSigner', { cpr: d.secondSigner }));
      break;
    case 'signing.link_sent':
      parts.push(tt(d.secondMessageId ? 'auditText.twoLetters' : 'auditText.oneLetter'));
      break;
    case 'signing.signature_refused':
      parts.push(signingErrorText(t, { code: 'signature_refused', params: { problems: strings(d.problems) }, technical: '' }));
      break;
    case 'signing.completed':
      if (typeof d.bytes === 'number') parts.push(tt('auditText.signedSize', { size: tt('auditText.kilobytes', { n: formatNumber(String(Math.max(1, Math.round(d.bytes / 1024))), i18n.language === 'en' ? 'en' : 'da') }) }));
      break;
    case 'signing.failed': {
      // Rows before codes carry `error` (a sentence in main's language): the generic text, not the sentence.
      const { reason, requestId: _r, error: _e, ...params } = d;
      const code = (typeof reason === 'string' ? reason : 'unknown') as SigningErrorView['code'];
      parts.push(tt('auditText.failed', { reason: signingErrorText(t, { code, params: params as SigningErrorView['params'], technical: '' }) }));
      break;
    }
    case 'questionnaire.completed':
      if (typeof d.questionnaire === 'string') parts.push(tt('auditText.questionnaire', { title: d.questionnaire }));
      if (typeof d.mitid === 'boolean') parts.push(tt('auditText.mitid', { answer: yesNo(t, d.mitid) }));
      break;
    case 'questionnaire.mitid_cpr_mismatch':
      if (typeof d.questionnaire === 'string') parts.push(tt('auditText.questionnaire', { title: d.questionnaire }));
      parts.push(
        tt('auditText.mitidCpr', {
          mitid: typeof d.mitidCpr === 'string' && d.mitidCpr !== '(none)' ? d.mitidCpr : tt('auditText.noCpr'),
          record: typeof d.recordCpr === 'string' ? d.recordCpr : tt('auditText.noCpr'),
        }),
      );
      break;
    case 'digital_post.queued':
      if (typeof d.subject === 'string') parts.push(tt('auditText.subject', { subject: d.subject }));
      break;
    default:
      parts.push(...genericParts(t, d));
  }
  const via = viaText(t, d.via);
  if (via) parts.push(`(${via})`);
  return parts.join(' · ');
}
