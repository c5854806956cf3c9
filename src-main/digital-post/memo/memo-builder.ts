import { filenameProblem } from './filename-check';
import type { MemoAction, MemoDocument, MemoFile, MemoInput, MemoLimits, MemoProblem } from './memo-types';
import { DEFAULT_MEMO_LIMITS, MEMO_ACTION_CODES } from './memo-types';
import { xmlText } from './xml-text';

export const MEMO_NAMESPACE = 'https://DigitalPost.dk/MeMo-1';
export const MEMO_VERSION = '1.2';

// Text lengths we refuse before the access point does. MeMo_core.xsd allows 256
// (memoTextType) and 160 (memoNotificationType); these keep titles readable in every inbox.
export const MAX_LABEL_CHARS = 250;
export const MAX_NOTIFICATION_CHARS = 150;
/** EntryPoint/url is memoUriType: at most 256 characters (MeMo_dataTypes.xsd). */
export const MAX_ACTION_URL_CHARS = 256;

export type MemoBuildResult = { ok: true; xml: string } | { ok: false; problems: MemoProblem[] };

/** memoUuidType: a version-4 UUID (MeMo_dataTypes.xsd). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** memoDateTimeType: an xs:dateTime in UTC with a trailing Z; an offset such as +02:00 is refused. */
const UTC_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;
/** memoLanguageType: xs:language of at most 2 characters, i.e. an ISO 639-1 code such as da. */
const LANGUAGE = /^[a-zA-Z]{2}$/;

/**
 * Builds one MeMo 1.2 message (UTF-8 XML, `memo` prefix, header elements in
 * the schema's order) or lists every reason it cannot be built. Pure: the same
 * input gives the same bytes, so the SHA-256 stored at queueing is exactly
 * what the access point receives on every retry.
 */
export function buildMemo(input: MemoInput, limits: MemoLimits = DEFAULT_MEMO_LIMITS): MemoBuildResult {
  const problems = checkMemo(input, limits);
  if (problems.length > 0) return { ok: false, problems };
  const el = (name: string, text: string) => `<memo:${name}>${xmlText(text)}</memo:${name}>`;
  const header = [
    el('messageType', 'DIGITALPOST'),
    el('messageUUID', input.messageUuid.toLowerCase()),
    el('label', input.label),
    input.notification ? el('notification', input.notification) : '',
    '<memo:Sender>',
    el('senderID', input.sender.cvr),
    el('idType', 'CVR'),
    el('label', input.sender.label),
    '</memo:Sender>',
    '<memo:Recipient>',
    el('recipientID', input.recipient.cpr),
    el('idType', 'CPR'),
    input.recipient.label ? el('label', input.recipient.label) : '',
    '</memo:Recipient>',
  ].join('');
  const body = [
    el('createdDateTime', input.createdAt),
    '<memo:MainDocument>',
    input.mainDocument.label ? el('label', input.mainDocument.label) : '',
    ...input.mainDocument.files.map(fileXml),
    ...(input.mainDocument.actions ?? []).map(actionXml),
    '</memo:MainDocument>',
    ...(input.additionalDocuments ?? []).map(
      (d) => `<memo:AdditionalDocument>${d.label ? el('label', d.label) : ''}${d.files.map(fileXml).join('')}</memo:AdditionalDocument>`,
    ),
  ].join('');
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<memo:Message xmlns:memo="${MEMO_NAMESPACE}" memoVersion="${MEMO_VERSION}">` +
    `<memo:MessageHeader>${header}</memo:MessageHeader>` +
    `<memo:MessageBody>${body}</memo:MessageBody>` +
    `</memo:Message>`;
  return { ok: true, xml };
}

function fileXml(f: MemoFile): string {
  return (
    '<memo:File>' +
    `<memo:encodingFormat>${f.encodingFormat ?? 'application/pdf'}</memo:encodingFormat>` +
    `<memo:filename>${xmlText(f.filename)}</memo:filename>` +
    `<memo:language>${xmlText(f.language ?? 'da')}</memo:language>` +
    `<memo:content>${Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength).toString('base64')}</memo:content>` +
    '</memo:File>'
  );
}

function actionXml(a: MemoAction): string {
  return (
    '<memo:Action>' +
    `<memo:label>${xmlText(a.label)}</memo:label>` +
    `<memo:actionCode>${a.actionCode}</memo:actionCode>` +
    `<memo:EntryPoint><memo:url>${xmlText(a.url)}</memo:url></memo:EntryPoint>` +
    '</memo:Action>'
  );
}

/** Every reason the input cannot become a valid message; empty when it can. */
export function checkMemo(input: MemoInput, limits: MemoLimits = DEFAULT_MEMO_LIMITS): MemoProblem[] {
  const problems: MemoProblem[] = [];
  const text = (path: string, value: string | undefined, max: number, required: boolean) => {
    if (value === undefined || value.trim() === '') {
      if (required) problems.push({ path, key: 'required' });
    } else if (value.length > max) problems.push({ path, key: 'too_long', params: { max } });
  };
  if (!UUID_V4.test(input.messageUuid)) problems.push({ path: 'messageUUID', key: 'uuid_format' });
  if (!UTC_DATE_TIME.test(input.createdAt) || Number.isNaN(Date.parse(input.createdAt))) problems.push({ path: 'createdDateTime', key: 'time_not_utc' });
  text('label', input.label, MAX_LABEL_CHARS, true);
  text('notification', input.notification, MAX_NOTIFICATION_CHARS, false);
  if (!/^\d{8}$/.test(input.sender.cvr)) problems.push({ path: 'sender.cvr', key: 'cvr_format' });
  text('sender.label', input.sender.label, MAX_LABEL_CHARS, true);
  if (!/^\d{10}$/.test(input.recipient.cpr)) problems.push({ path: 'recipient.cpr', key: 'cpr_format' });
  text('recipient.label', input.recipient.label, MAX_LABEL_CHARS, false);

  let total = 0;
  const checkDocument = (doc: MemoDocument, path: string) => {
    text(`${path}.label`, doc.label, MAX_LABEL_CHARS, false);
    if (doc.files.length === 0) problems.push({ path: `${path}.files`, key: 'required' });
    doc.files.forEach((f, i) => {
      const at = `${path}.files.${i}`;
      const bad = filenameProblem(f.filename);
      if (bad) {
        const key = `filename_${bad.problem}` as MemoProblem['key'];
        problems.push({ path: `${at}.filename`, key, params: { filename: f.filename, ...(bad.character ? { character: bad.character } : {}) } });
      }
      if (!LANGUAGE.test(f.language ?? 'da')) problems.push({ path: `${at}.language`, key: 'language_format', params: { filename: f.filename, language: f.language ?? '' } });
      if (f.content.byteLength === 0) problems.push({ path: `${at}.content`, key: 'file_empty', params: { filename: f.filename } });
      if (f.content.byteLength > limits.maxFileBytes) {
        problems.push({ path: `${at}.content`, key: 'file_too_large', params: { filename: f.filename, maxMb: toMb(limits.maxFileBytes) } });
      }
      total += f.content.byteLength;
    });
  };
  checkDocument(input.mainDocument, 'mainDocument');
  (input.mainDocument.actions ?? []).forEach((a, i) => {
    const at = `mainDocument.actions.${i}`;
    text(`${at}.label`, a.label, MAX_LABEL_CHARS, true);
    if (!(MEMO_ACTION_CODES as readonly string[]).includes(a.actionCode)) problems.push({ path: `${at}.actionCode`, key: 'action_code' });
    if (!isHttps(a.url)) problems.push({ path: `${at}.url`, key: 'action_not_https' });
    else if (a.url.length > MAX_ACTION_URL_CHARS) problems.push({ path: `${at}.url`, key: 'action_url_too_long', params: { max: MAX_ACTION_URL_CHARS } });
  });
  (input.additionalDocuments ?? []).forEach((d, i) => checkDocument(d, `additionalDocuments.${i}`));
  if (total > limits.maxMessageBytes) problems.push({ path: 'message', key: 'message_too_large', params: { maxMb: toMb(limits.maxMessageBytes) } });
  return problems;
}

const toMb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

function isHttps(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname !== '';
  } catch {
    return false;
  }
}
