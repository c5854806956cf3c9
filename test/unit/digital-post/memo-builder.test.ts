import { afterAll, describe, expect, it } from 'vitest';
import { filenameProblem } from '../../../src-main/digital-post/memo/filename-check';
import { buildMemo, checkMemo } from '../../../src-main/digital-post/memo/memo-builder';
import type { MemoInput } from '../../../src-main/digital-post/memo/memo-types';
import { memoProblemText } from '../../../src-main/digital-post/memo/problem-text';
import { validateMemo } from '../../../src-main/sandbox/digital-post/memo-validator';
import { xmllintFailures } from './xsd-check';

const pdf = new Uint8Array(Buffer.from('%PDF-1.4 test'));
const base = (): MemoInput => ({
  messageUuid: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  createdAt: '2026-11-28T10:00:00.000Z',
  sender: { cvr: '12345678', label: 'Kommunen' },
  recipient: { cpr: '0101801234' },
  label: 'Afgørelse om tilskud',
  notification: 'Du har fået svar',
  mainDocument: { files: [{ filename: 'afgørelse.pdf', content: pdf }] },
});

/** Every message the builder wrote in this file; all must validate against MeMo_core.xsd. */
const built: string[] = [];
const xmlOf = (input: MemoInput) => {
  const r = buildMemo(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  built.push(r.xml);
  return r.xml;
};

afterAll(() => {
  expect(built.length).toBeGreaterThan(5);
  expect(xmllintFailures(built)).toEqual([]);
});

/** The local names of an element's children, in document order. */
const childOrder = (xml: string, parent: string) => {
  const inner = new RegExp(`<memo:${parent}>(.*?)</memo:${parent}>`, 's').exec(xml)?.[1] ?? '';
  const names: string[] = [];
  let depth = 0;
  for (const m of inner.matchAll(/<(\/?)memo:(\w+)[^>]*>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2] as string);
      depth++;
    }
  }
  return names;
};

describe('MeMo 1.2 builder', () => {
  it('writes the root with the memo prefix, namespace, version and a UTF-8 declaration', () => {
    const xml = xmlOf(base());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.2">');
    expect(xml).not.toMatch(/<(?!memo:|\/memo:|\?xml)\w/);
  });

  it('puts the header elements in the schema order', () => {
    const xml = xmlOf(base());
    expect(childOrder(xml, 'MessageHeader')).toEqual(['messageType', 'messageUUID', 'label', 'notification', 'Sender', 'Recipient']);
    expect(childOrder(xml, 'Sender')).toEqual(['senderID', 'idType', 'label']);
    expect(childOrder(xml, 'Recipient')).toEqual(['recipientID', 'idType']);
    expect(childOrder(xml, 'File')).toEqual(['encodingFormat', 'filename', 'language', 'content']);
    expect(childOrder(xml, 'MessageBody')).toEqual(['createdDateTime', 'MainDocument']);
  });

  it('leaves out the optional notification when there is none', () => {
    const { notification: _n, ...rest } = base();
    expect(childOrder(xmlOf(rest), 'MessageHeader')).toEqual(['messageType', 'messageUUID', 'label', 'Sender', 'Recipient']);
  });

  it('escapes XML characters, keeps Danish letters as UTF-8 and base64-encodes the file', () => {
    const xml = xmlOf({ ...base(), label: 'Svar på <ansøgning> & "klage"' });
    expect(xml).toContain('<memo:label>Svar på &lt;ansøgning&gt; &amp; &quot;klage&quot;</memo:label>');
    expect(xml).toContain(`<memo:content>${Buffer.from(pdf).toString('base64')}</memo:content>`);
    expect(Buffer.from(xml, 'utf8').toString('utf8')).toBe(xml);
  });

  it('writes actions with code and https entry point, and additional documents after the main one', () => {
    const xml = xmlOf({
      ...base(),
      mainDocument: { files: [{ filename: 'a.pdf', content: pdf }], actions: [{ label: 'Underskriv', actionCode: 'UNDERSKRIV', url: 'https://sign.example/x?a=1&b=2' }] },
      additionalDocuments: [{ label: 'Bilag', files: [{ filename: 'bilag.pdf', content: pdf }] }],
    });
    expect(childOrder(xml, 'MainDocument')).toEqual(['File', 'Action']);
    expect(xml).toContain('<memo:EntryPoint><memo:url>https://sign.example/x?a=1&amp;b=2</memo:url></memo:EntryPoint>');
    expect(childOrder(xml, 'MessageBody')).toEqual(['createdDateTime', 'MainDocument', 'AdditionalDocument']);
  });

  it('is pure: the same input gives the same bytes', () => {
    expect(xmlOf(base())).toBe(xmlOf(base()));
  });

  it('passes the sandbox access point’s strict validation', async () => {
    const r = await validateMemo(Buffer.from(xmlOf(base()), 'utf8'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.memo.recipientId).toBe('0101801234');
      expect(r.memo.files[0]?.filename).toBe('afgørelse.pdf');
    }
  });

  it.each([
    ['bad:name.pdf', ':'],
    ['a<b.pdf', '<'],
    ['a>b.pdf', '>'],
    ['a"b.pdf', '"'],
    ['a/b.pdf', '/'],
    ['a\\b.pdf', '\\'],
    ['a|b.pdf', '|'],
    ['a?b.pdf', '?'],
    ['a*b.pdf', '*'],
    ['a\nb.pdf', 'U+000A'],
    ['a\rb.pdf', 'U+000D'],
    ['a\u00A0b.pdf', 'U+00A0'],
    ['a\u2003b.pdf', 'U+2003'],
    ['a\u2028b.pdf', 'U+2028'],
    ['a\u205Fb.pdf', 'U+205F'],
    ['a\u2060b.pdf', 'U+2060'],
    ['a\u3000b.pdf', 'U+3000'],
  ])('refuses the file name %j (forbidden %s)', (name, ch) => {
    expect(filenameProblem(name)).toEqual({ problem: 'forbidden_character', character: ch });
    const r = buildMemo({ ...base(), mainDocument: { files: [{ filename: name, content: pdf }] } });
    expect(r.ok).toBe(false);
  });

  it('accepts ordinary Danish file names and refuses non-PDF and empty ones', () => {
    expect(filenameProblem('Afgørelse – Åse Æbelø (2).pdf')).toBeNull();
    expect(filenameProblem('brev.docx')?.problem).toBe('not_pdf');
    expect(filenameProblem('  ')?.problem).toBe('empty');
  });

  it('refuses http and javascript action links', () => {
    for (const url of ['http://sign.example/x', 'javascript:alert(1)', 'ftp://x', 'not a url']) {
      const problems = checkMemo({ ...base(), mainDocument: { files: [{ filename: 'a.pdf', content: pdf }], actions: [{ label: 'x', actionCode: 'UNDERSKRIV', url }] } });
      expect(problems.map((p) => p.key)).toContain('action_not_https');
    }
  });

  it('enforces the size limits from the settings, per file and per message', () => {
    const big = new Uint8Array(2048);
    const problems = checkMemo(
      { ...base(), mainDocument: { files: [{ filename: 'a.pdf', content: big }] }, additionalDocuments: [{ files: [{ filename: 'b.pdf', content: big }] }] },
      { maxFileBytes: 1000, maxMessageBytes: 3000 },
    );
    expect(problems.filter((p) => p.key === 'file_too_large')).toHaveLength(2);
    expect(problems.map((p) => p.key)).toContain('message_too_large');
  });

  it('requires subject, sender label, a file, and valid CPR/CVR/UUID', () => {
    const keys = checkMemo({
      ...base(),
      messageUuid: 'nope',
      label: ' ',
      sender: { cvr: '123', label: '' },
      recipient: { cpr: '010180-1234' },
      mainDocument: { files: [] },
    }).map((p) => `${p.path}:${p.key}`);
    expect(keys).toEqual(
      expect.arrayContaining(['messageUUID:uuid_format', 'label:required', 'sender.cvr:cvr_format', 'sender.label:required', 'recipient.cpr:cpr_format', 'mainDocument.files:required']),
    );
  });

  it('explains problems in Danish and English without the CPR number', () => {
    const [p] = checkMemo({ ...base(), mainDocument: { files: [{ filename: 'bad:name.pdf', content: pdf }] } });
    expect(p).toBeDefined();
    if (!p) return;
    expect(memoProblemText(p, 'da')).toContain('Filnavnet "bad:name.pdf" indeholder tegnet :');
    expect(memoProblemText(p, 'en')).toContain('The file name "bad:name.pdf" contains :');
    expect(memoProblemText(p, 'da')).not.toContain('0101801234');
  });
});

describe('sandbox MeMo validation (MeMo_core.xsd through libxml2, then Digital Post’s own rules)', () => {
  const good = () => xmlOf(base());
  const codes = async (xml: string) => {
    const r = await validateMemo(Buffer.from(xml, 'utf8'));
    return r.ok ? [] : r.fieldErrors.map((e) => `${e.field}:${e.code}`);
  };

  it('refuses a different prefix, a wrong namespace and another version', async () => {
    // Namespace-correct under another prefix: the XSD accepts it, Digital Post's `memo` prefix rule does not.
    expect(await codes(good().replaceAll('memo:', 'm:').replace('xmlns:memo=', 'xmlns:m='))).toContain('Message:prefix');
    expect(await codes(good().replace('https://DigitalPost.dk/MeMo-1', 'urn:other'))).toContain('Message:xsd');
    expect(await codes(good().replace('memoVersion="1.2"', 'memoVersion="1.1"'))).toContain('Message.memoVersion:version');
  });

  it('refuses what MeMo_core.xsd refuses: order, missing elements, offsets, v1 UUIDs, memoSchVersion, Recipient before Sender', async () => {
    const swapped = good().replace(/(<memo:messageUUID>[^<]*<\/memo:messageUUID>)(<memo:label>[^<]*<\/memo:label>)/, '$2$1');
    expect(await codes(swapped)).toContain('label:xsd');
    // Without the label, the next element (here the notification) is where the schema objects.
    expect(await codes(good().replace(/<memo:label>Afgørelse om tilskud<\/memo:label>/, ''))).toContain('notification:xsd');
    expect(await codes(good().replace(/<memo:createdDateTime>[^<]*</, '<memo:createdDateTime>2025-05-01T10:00:00+02:00<'))).toContain('createdDateTime:xsd.pattern');
    expect(await codes(good().replace(/<memo:messageUUID>[^<]*</, '<memo:messageUUID>2f1b7e0a-1dd2-11b2-8000-0242ac120002<'))).toContain('messageUUID:xsd.pattern');
    expect(await codes(good().replace('memoVersion="1.2"', 'memoVersion="1.2" memoSchVersion="1.2.0"'))).toContain('Message:xsd');
    const recipientFirst = good().replace(/(<memo:Sender>.*<\/memo:Sender>)(<memo:Recipient>.*<\/memo:Recipient>)/, '$2$1');
    expect(await codes(recipientFirst)).toContain('Recipient:xsd');
  });

  it('refuses a bad CPR, bad base64, a forbidden file name, an http action and non-UTF-8', async () => {
    expect(await codes(good().replace('0101801234', '01018012'))).toContain('MessageHeader.Recipient.recipientID:pattern');
    expect(await codes(good().replace(/<memo:content>[^<]*</, '<memo:content>@@notbase64@@<'))).toContain('content:xsd');
    expect(await codes(good().replace('afgørelse.pdf', 'af:gørelse.pdf'))).toContain('MessageBody.MainDocument.File[0].filename:forbidden_character');
    const latin1 = Buffer.from(good(), 'latin1');
    const r = await validateMemo(Buffer.concat([latin1, Buffer.from([0xff])]));
    expect(r.ok).toBe(false);
  });

  it('refuses malformed XML', async () => {
    const r = await validateMemo(Buffer.from(good().replace('</memo:MessageHeader>', ''), 'utf8'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('MeMo_core.xsd');
  });
});
