import { parseXml, XmlSyntaxError, type XmlElement } from './mini-xml';

export const MEMO_NS = 'https://DigitalPost.dk/MeMo-1';

export interface FieldError {
  resource: string;
  field: string;
  code: string;
}

/** One element of a sequence: local name, how often, and its own content (absent = text). */
type Particle = [name: string, min: number, max: number, content?: Particle[] | 'any'];

const FILE: Particle[] = [
  ['encodingFormat', 1, 1],
  ['filename', 1, 1],
  ['language', 1, 1],
  ['content', 1, 1],
];
const ACTION: Particle[] = [
  ['label', 1, 1],
  ['actionCode', 1, 1],
  ['startDateTime', 0, 1],
  ['endDateTime', 0, 1],
  ['Reservation', 0, 1, 'any'],
  ['EntryPoint', 0, 1, [['url', 1, 1]]],
];
const DOCUMENT = (idName: string): Particle[] => [
  [idName, 0, 1],
  ['label', 0, 1],
  ['File', 1, Infinity, FILE],
  ['Action', 0, Infinity, ACTION],
];
const PARTY = (idName: string): Particle[] => [
  [idName, 1, 1],
  ['idType', 1, 1],
  ['idTypeLabel', 0, 1],
  ['label', idName === 'senderID' ? 1 : 0, 1],
  ['AttentionData', 0, 1, 'any'],
  ['ContactPoint', 0, 1, 'any'],
];
/** MessageHeader children in the order the MeMo 1.2 schema enforces. */
const HEADER: Particle[] = [
  ['messageType', 1, 1],
  ['messageUUID', 1, 1],
  ['messageID', 0, 1],
  ['messageCode', 0, 1],
  ['label', 1, 1],
  ['notification', 0, 1],
  ['additionalNotification', 0, 1],
  ['reply', 0, 1],
  ['replyByDateTime', 0, 1],
  ['doNotDeliverUntilDate', 0, 1],
  ['mandatory', 0, 1],
  ['legalNotification', 0, 1],
  ['postType', 0, 1],
  ['Sender', 1, 1, PARTY('senderID')],
  ['Recipient', 1, 1, PARTY('recipientID')],
  ['ContentData', 0, 1, 'any'],
  ['ForwardData', 0, 1, 'any'],
  ['ReplyData', 0, Infinity, 'any'],
];
const BODY: Particle[] = [
  ['createdDateTime', 1, 1],
  ['MainDocument', 1, 1, DOCUMENT('mainDocumentID')],
  ['AdditionalDocument', 0, Infinity, DOCUMENT('additionalDocumentID')],
  ['TechnicalDocument', 0, Infinity, 'any'],
];
const MESSAGE: Particle[] = [
  ['MessageHeader', 1, 1, HEADER],
  ['MessageBody', 0, 1, BODY],
];

const ACTION_CODES = new Set(['AFTALE', 'BETALING', 'SELVBETJENING', 'INFORMATION', 'UNDERSKRIV', 'BEKRAEFT', 'FORBEREDELSE', 'TILMELDING']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORBIDDEN_FILENAME = /[<>:"/\\|?*\r\n\u00A0\u2000-\u200A\u2028\u205F\u2060\u3000]/u;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface ParsedMemo {
  messageUuid: string;
  label: string;
  notification: string;
  senderId: string;
  senderLabel: string;
  recipientId: string;
  recipientIdType: string;
  createdDateTime: string;
  files: { filename: string; encodingFormat: string; language: string; content: string; document: 'main' | 'additional' }[];
  actions: { label: string; actionCode: string; url: string }[];
}

export type ValidationResult = { ok: true; memo: ParsedMemo } | { ok: false; fieldErrors: FieldError[]; message: string };

/**
 * Validates one MeMo message as strictly as the access point: UTF-8, the
 * `memo` prefix bound to the MeMo namespace, version 1.2, required elements,
 * the schema's element order, CPR/CVR formats, https actions, base64 content
 * and Digital Post's forbidden filename characters.
 */
export function validateMemo(body: Buffer): ValidationResult {
  const errors: FieldError[] = [];
  const err = (field: string, code: string) => errors.push({ resource: 'memo', field, code });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, message: 'the message is not valid UTF-8', fieldErrors: [{ resource: 'memo', field: 'Message', code: 'encoding' }] };
  }
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    const code = e instanceof XmlSyntaxError && /encoding/.test(e.message) ? 'encoding' : 'malformed';
    return { ok: false, message: `the message is not well-formed XML: ${(e as Error).message}`, fieldErrors: [{ resource: 'memo', field: 'Message', code }] };
  }
  if (root.name !== 'memo:Message') err('Message', root.name.endsWith(':Message') || root.name === 'Message' ? 'prefix' : 'root');
  if (root.attributes['xmlns:memo'] !== MEMO_NS) err('Message', 'namespace');
  if (root.attributes.memoVersion !== '1.2') err('Message.memoVersion', 'version');
  if (errors.length) return { ok: false, message: 'the root must be <memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.2">', fieldErrors: errors };

  checkSequence(root, MESSAGE, 'Message', err);
  if (errors.length) return { ok: false, message: 'the message does not follow the MeMo 1.2 schema', fieldErrors: errors };

  const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === `memo:${name}`);
  const all = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === `memo:${name}`) ?? [];
  const header = child(root, 'MessageHeader');
  const body2 = child(root, 'MessageBody');
  const sender = child(header, 'Sender');
  const recipient = child(header, 'Recipient');
  const v = (el: XmlElement | undefined) => el?.text.trim() ?? '';

  const messageType = v(child(header, 'messageType'));
  if (messageType !== 'DIGITALPOST' && messageType !== 'NEMSMS') err('MessageHeader.messageType', 'enum');
  const uuid = v(child(header, 'messageUUID'));
  if (!UUID.test(uuid)) err('MessageHeader.messageUUID', 'pattern');
  const label = v(child(header, 'label'));
  if (!label) err('MessageHeader.label', 'required');
  if (v(child(sender, 'idType')) !== 'CVR' && v(child(sender, 'idType')) !== 'MyndighedsID') err('MessageHeader.Sender.idType', 'enum');
  if (v(child(sender, 'idType')) === 'CVR' && !/^\d{8}$/.test(v(child(sender, 'senderID')))) err('MessageHeader.Sender.senderID', 'pattern');
  if (!v(child(sender, 'label'))) err('MessageHeader.Sender.label', 'required');
  const rType = v(child(recipient, 'idType'));
  const rId = v(child(recipient, 'recipientID'));
  if (!['CPR', 'CVR', 'MyndighedsID'].includes(rType)) err('MessageHeader.Recipient.idType', 'enum');
  if (rType === 'CPR' && !/^\d{10}$/.test(rId)) err('MessageHeader.Recipient.recipientID', 'pattern');
  if (rType === 'CVR' && !/^\d{8}$/.test(rId)) err('MessageHeader.Recipient.recipientID', 'pattern');
  const created = v(child(body2, 'createdDateTime'));
  if (body2 && Number.isNaN(Date.parse(created))) err('MessageBody.createdDateTime', 'pattern');

  const files: ParsedMemo['files'] = [];
  const actions: ParsedMemo['actions'] = [];
  const docs = [
    ...all(body2, 'MainDocument').map((d) => ({ d, kind: 'main' as const, path: 'MessageBody.MainDocument' })),
    ...all(body2, 'AdditionalDocument').map((d, i) => ({ d, kind: 'additional' as const, path: `MessageBody.AdditionalDocument[${i}]` })),
  ];
  for (const { d, kind, path } of docs) {
    all(d, 'File').forEach((f, i) => {
      const at = `${path}.File[${i}]`;
      const filename = v(child(f, 'filename'));
      if (!filename || FORBIDDEN_FILENAME.test(filename)) err(`${at}.filename`, 'forbidden_character');
      const encodingFormat = v(child(f, 'encodingFormat'));
      if (!/^[\w.+-]+\/[\w.+-]+$/.test(encodingFormat)) err(`${at}.encodingFormat`, 'pattern');
      const content = (child(f, 'content')?.text ?? '').replace(/\s+/g, '');
      if (content.length === 0 || content.length % 4 !== 0 || !BASE64.test(content)) err(`${at}.content`, 'base64');
      files.push({ filename, encodingFormat, language: v(child(f, 'language')), content, document: kind });
    });
    all(d, 'Action').forEach((a, i) => {
      const at = `${path}.Action[${i}]`;
      const code = v(child(a, 'actionCode'));
      if (!ACTION_CODES.has(code)) err(`${at}.actionCode`, 'enum');
      const url = v(child(child(a, 'EntryPoint'), 'url'));
      if (url && !/^https:\/\/[^\s/]+/.test(url)) err(`${at}.EntryPoint.url`, 'https');
      actions.push({ label: v(child(a, 'label')), actionCode: code, url });
    });
  }
  if (errors.length) return { ok: false, message: 'the message has invalid values', fieldErrors: errors };
  return {
    ok: true,
    memo: {
      messageUuid: uuid.toLowerCase(),
      label,
      notification: v(child(header, 'notification')),
      senderId: v(child(sender, 'senderID')),
      senderLabel: v(child(sender, 'label')),
      recipientId: rId,
      recipientIdType: rType,
      createdDateTime: created,
      files,
      actions,
    },
  };
}

/** Checks an element's children against a sequence: prefix, order, counts, nothing unexpected. */
function checkSequence(el: XmlElement, seq: Particle[], path: string, err: (field: string, code: string) => void): void {
  let i = 0;
  const kids = el.children;
  for (const [name, min, max, content] of seq) {
    let n = 0;
    while (i < kids.length && localName(kids[i] as XmlElement) === name && n < max) {
      const kid = kids[i] as XmlElement;
      if (!kid.name.startsWith('memo:')) err(`${path}.${name}`, 'prefix');
      if (Array.isArray(content)) checkSequence(kid, content, `${path}.${name}`, err);
      else if (content === undefined && kid.children.length) err(`${path}.${name}`, 'unexpected_element');
      n++;
      i++;
    }
    if (n < min) err(`${path}.${name}`, kids.some((k) => localName(k) === name) ? 'order' : 'required');
  }
  for (; i < kids.length; i++) {
    const kid = kids[i] as XmlElement;
    const known = seq.some((p) => p[0] === localName(kid));
    err(`${path}.${localName(kid)}`, known ? 'order' : 'unexpected_element');
  }
}

const localName = (el: XmlElement) => el.name.slice(el.name.indexOf(':') + 1);
