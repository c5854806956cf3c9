import { MemoXsdValidator } from './memo-xsd';
import { parseXml, XmlSyntaxError, type XmlElement } from './mini-xml';

export const MEMO_NS = 'https://DigitalPost.dk/MeMo-1';

export interface FieldError {
  resource: string;
  field: string;
  code: string;
}

const ACTION_CODES = new Set(['AFTALE', 'BETALING', 'SELVBETJENING', 'INFORMATION', 'UNDERSKRIV', 'BEKRAEFT', 'FORBEREDELSE', 'TILMELDING']);
const FORBIDDEN_FILENAME = /[<>:"/\\|?*\r\n\u00A0\u2000-\u200A\u2028\u205F\u2060\u3000]/u;

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

let shared: MemoXsdValidator | null = null;
const xsd = () => (shared ??= new MemoXsdValidator());

/**
 * Validates one MeMo message as the access point does. The structure (element
 * order, required elements, v4 UUIDs, UTC `Z` times, lengths, base64, 2-letter
 * languages, no `memoSchVersion`) is MeMo_core.xsd's, checked by libxml2; on
 * top come the rules the XSD leaves as free text and Digital Post documents:
 * UTF-8, the `memo` prefix, version 1.2, CPR/CVR formats and `idType` values,
 * action codes, https links and the forbidden filename characters.
 */
export async function validateMemo(body: Buffer): Promise<ValidationResult> {
  const errors: FieldError[] = [];
  const err = (field: string, code: string) => errors.push({ resource: 'memo', field, code });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, message: 'the message is not valid UTF-8', fieldErrors: [{ resource: 'memo', field: 'Message', code: 'encoding' }] };
  }
  const schema = await xsd().validate(text);
  if (!schema.valid) {
    return {
      ok: false,
      message: `the message does not validate against MeMo_core.xsd: ${schema.errors.slice(0, 3).join(' | ')}`.slice(0, 2000),
      fieldErrors: schema.errors.slice(0, 20).map(xsdFieldError),
    };
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

  const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === `memo:${name}`);
  const all = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === `memo:${name}`) ?? [];
  const header = child(root, 'MessageHeader');
  const body2 = child(root, 'MessageBody');
  const sender = child(header, 'Sender');
  const recipient = child(header, 'Recipient');
  const v = (el: XmlElement | undefined) => el?.text.trim() ?? '';

  const uuid = v(child(header, 'messageUUID'));
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
      if (content.length === 0) err(`${at}.content`, 'required');
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

/** A libxml2 schema error as a field error: the element it names, code `xsd`. */
function xsdFieldError(line: string): FieldError {
  const element = /Element '(?:\{[^}]*\})?([^']+)'/.exec(line)?.[1] ?? 'Message';
  const facet = /\[facet '([^']+)'\]/.exec(line)?.[1];
  return { resource: 'memo', field: element, code: facet ? `xsd.${facet}` : 'xsd' };
}
