import type { Language, NotificationView } from '../contract';
import { type SigningNotice, signingTexts } from '../signing/signing-texts';

// A notification's "why am I told" line, rendered when it is read, in the
// reader's language, from its kind and params (issue 14): the inbox, the bell
// and the desktop's OS notifications all say it through here. Plain module (no
// Node, no DOM): main and the renderer both import it. A notification stored
// before its kind had params falls back to the text stored with it.

type Shown = Pick<NotificationView, 'kind' | 'context' | 'params'> & Partial<Pick<NotificationView, 'bulk'>>;
type Params = Record<string, string>;

const numberFormat = { da: new Intl.NumberFormat('da-DK'), en: new Intl.NumberFormat('en-GB') };

interface Texts {
  by: (p: Params) => string;
  responsibleUser: (field: string, by: string) => string;
  responsibleGroup: (group: string, field: string, by: string) => string;
  responsibleUserMany: (field: string, count: string, by: string) => string;
  responsibleGroupMany: (group: string, field: string, count: string, by: string) => string;
  statusAction: (status: string, text: string) => string;
  statusActionFailed: (action: string, error: string) => string;
  physicalPost: (subject: string) => string;
  letterFailed: (subject: string, error: string) => string;
  awaitingReceipt: (subject: string, hours: string) => string;
  questionnaire: (title: string) => string;
  /** The bulk operation, as the summary's head. */
  operation: (kind: string, label: string) => string;
  records: (n: number, formatted: string) => string;
  /** One reason of a summary, with its count. */
  part: (reason: string, detail: string, count: string) => string;
}

const DA: Texts = {
  by: (p) => (p.actor ? ` af ${p.actor}` : ({ 'status action': ' af en statushandling', 'csv import': ' ved CSV-import', 'timed action': ' af en tidsstyret handling' }[p.via ?? ''] ?? '')),
  responsibleUser: (field, by) => `Du blev sat som ansvarlig i feltet '${field}'${by}`,
  responsibleGroup: (group, field, by) => `Din gruppe '${group}' blev sat som aktiv gruppe i feltet '${field}'${by}`,
  responsibleUserMany: (field, count, by) => `Du blev sat som ansvarlig i feltet '${field}' på ${count} ${count === '1' ? 'sag' : 'sager'}${by}`,
  responsibleGroupMany: (group, field, count, by) => `Din gruppe '${group}' blev sat som aktiv gruppe i feltet '${field}' på ${count} ${count === '1' ? 'sag' : 'sager'}${by}`,
  statusAction: (status, text) => `Statushandling på '${status}': ${text}`,
  statusActionFailed: (action, error) => `Statushandlingen "${action}" er fejlet: ${error}`,
  physicalPost: (subject) => `Borgeren er fritaget for Digital Post. Brevet "${subject}" skal sendes med fysisk post: print det fra listen "Til print", og markér det som afsendt.`,
  letterFailed: (subject, error) => `Digital Post-brevet "${subject}" kunne ikke sendes: ${error}`,
  awaitingReceipt: (subject, hours) =>
    `Digital Post har ikke sendt kvittering for brevet "${subject}" inden for ${hours} timer. Brevet er ikke fejlet; det afventer stadig kvittering.`,
  questionnaire: (title) => `Spørgeskemaet "${title}" er udfyldt`,
  operation: (kind, label) =>
    kind === 'csv_import'
      ? label
        ? `CSV-import af ${label}`
        : 'CSV-import'
      : kind === 'mailing'
        ? `Brevudsendelsen '${label}'`
        : kind === 'status_change'
          ? `Samlet statusskift til '${label}'`
          : 'Masseændring',
  records: (n, formatted) => (n === 1 ? '1 sag' : `${formatted} sager`),
  part: (reason, detail, count) => {
    switch (reason) {
      case 'status_action':
        return `statushandling på '${detail}': ${count}`;
      case 'responsible_user':
        return `du er ansvarlig i feltet '${detail}': ${count}`;
      case 'responsible_group':
        return `din gruppe er aktiv gruppe i feltet '${detail}': ${count}`;
      case 'digital_post_physical_fallback':
        return `skal sendes med fysisk post: ${count}`;
      case 'digital_post_failed':
        return `brevet kunne ikke sendes: ${count}`;
    case 'digital_post_awaiting_receipt':
        return `afventer kvittering: ${count}`;
      case 'status_action_failed':
        return `statushandling fejlet: ${count}`;
      default:
        return `øvrige: ${count}`;
    }
  },
};

const EN: Texts = {
  by: (p) => (p.actor ? ` by ${p.actor}` : ({ 'status action': ' by a status action', 'csv import': ' by CSV import', 'timed action': ' by a timed action' }[p.via ?? ''] ?? '')),
  responsibleUser: (field, by) => `You were set as responsible in field '${field}'${by}`,
  responsibleGroup: (group, field, by) => `Your group '${group}' was set as active group in field '${field}'${by}`,
  responsibleUserMany: (field, count, by) => `You were set as responsible in field '${field}' on ${count} ${count === '1' ? 'record' : 'records'}${by}`,
  responsibleGroupMany: (group, field, count, by) => `Your group '${group}' was set as active group in field '${field}' on ${count} ${count === '1' ? 'record' : 'records'}${by}`,
  statusAction: (status, text) => `Status action on '${status}': ${text}`,
  statusActionFailed: (action, error) => `The status action "${action}" failed: ${error}`,
  physicalPost: (subject) => `The citizen is exempt from Digital Post. The letter "${subject}" must go by physical post: print it from the "To print" list and mark it as posted.`,
  letterFailed: (subject, error) => `The Digital Post letter "${subject}" could not be sent: ${error}`,
  awaitingReceipt: (subject, hours) =>
    `Digital Post has not sent a receipt for the letter "${subject}" within ${hours} hours. The letter has not failed; it is still awaiting its receipt.`,
  questionnaire: (title) => `The questionnaire "${title}" has been completed`,
  operation: (kind, label) =>
    kind === 'csv_import'
      ? label
        ? `CSV import of ${label}`
        : 'CSV import'
      : kind === 'mailing'
        ? `The mailing '${label}'`
        : kind === 'status_change'
          ? `Bulk status change to '${label}'`
          : 'Bulk change',
  records: (n, formatted) => (n === 1 ? '1 record' : `${formatted} records`),
  part: (reason, detail, count) => {
    switch (reason) {
      case 'status_action':
        return `status action on '${detail}': ${count}`;
      case 'responsible_user':
        return `you are responsible in field '${detail}': ${count}`;
      case 'responsible_group':
        return `your group is active group in field '${detail}': ${count}`;
      case 'digital_post_physical_fallback':
        return `must go by physical post: ${count}`;
      case 'digital_post_failed':
        return `letter could not be sent: ${count}`;
    case 'digital_post_awaiting_receipt':
        return `awaiting receipt: ${count}`;
      case 'status_action_failed':
        return `status action failed: ${count}`;
      default:
        return `other: ${count}`;
    }
  },
};

/** The line in `lang`; the stored text when the kind or its params are not known. */
export function notificationText(n: Shown, lang: Language): string {
  const t = lang === 'en' ? EN : DA;
  const num = (v: number): string => numberFormat[lang === 'en' ? 'en' : 'da'].format(v);
  if (n.bulk) {
    // "CSV-import af sager.csv: 19.965 sager – statushandling på 'Modtaget': 19.965; du er ansvarlig i feltet 'Sagsbehandler': 120"
    const parts = n.bulk.parts.map((p) => t.part(p.reason, p.detail, num(p.count))).join('; ');
    return `${t.operation(n.bulk.operation, n.bulk.label)}: ${t.records(n.bulk.records, num(n.bulk.records))}${parts ? ` – ${parts}` : ''}`;
  }
  const p = n.params;
  if (!p) return n.context;
  const signing = signingNotice(p, lang);
  if (signing !== null) return signing;
  const by = t.by(p);
  const many = p.count === undefined ? null : num(Number(p.count));
  switch (n.kind) {
    case 'responsible_user':
      if (p.field === undefined) break;
      return many === null ? t.responsibleUser(p.field, by) : t.responsibleUserMany(p.field, many, by);
    case 'responsible_group':
      if (p.field === undefined || p.group === undefined) break;
      return many === null ? t.responsibleGroup(p.group, p.field, by) : t.responsibleGroupMany(p.group, p.field, many, by);
    case 'status_action':
      if (p.status === undefined || p.text === undefined) break;
      return t.statusAction(p.status, p.text);
    case 'status_action_failed':
      if (p.action === undefined || p.error === undefined) break;
      return t.statusActionFailed(p.action, p.error);
    case 'digital_post_physical_fallback':
      if (p.subject === undefined) break;
      return t.physicalPost(p.subject);
    case 'digital_post_failed':
      if (p.subject === undefined || p.error === undefined) break;
      return t.letterFailed(p.subject, p.error);
    case 'questionnaire_completed':
      if (p.title === undefined) break;
      return t.questionnaire(p.title);
    case 'digital_post_awaiting_receipt':
      if (p.subject === undefined || p.hours === undefined) break;
      return t.awaitingReceipt(p.subject, num(Number(p.hours)));
  }
  return n.context;
}

const SIGNING_NOTICES: readonly SigningNotice[] = ['requested', 'completed', 'rejected', 'expired', 'failed', 'refused'];

/** The signing worker's notifications (params.signing names which), in the signing texts' own words. */
function signingNotice(p: Params, lang: Language): string | null {
  const notice = SIGNING_NOTICES.find((s) => s === p.signing);
  if (notice === undefined || p.title === undefined || p.number === undefined) return null;
  const t = signingTexts(lang);
  return notice === 'failed' || notice === 'refused' ? t[notice](p.title, p.number, p.why ?? '') : t[notice](p.title, p.number);
}
