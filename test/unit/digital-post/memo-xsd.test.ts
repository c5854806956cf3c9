import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMemo, checkMemo } from '../../../src-main/digital-post/memo/memo-builder';
import { MEMO_ACTION_CODES, type MemoInput } from '../../../src-main/digital-post/memo/memo-types';
import { memoProblemText } from '../../../src-main/digital-post/memo/problem-text';
import { MEMO_XSD_FILES } from '../../../src-main/sandbox/digital-post/memo-xsd';
import { validateMemo } from '../../../src-main/sandbox/digital-post/memo-validator';
import { REFERENCE_XSD_DIR, xmllintFailures } from './xsd-check';

const pdf = (n = 1) => new Uint8Array(Buffer.from(`%PDF-1.4\n% ${'x'.repeat(n)}\n%%EOF\n`, 'latin1'));
const base = (): MemoInput => ({
  messageUuid: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  createdAt: '2026-11-28T10:00:00.000Z',
  sender: { cvr: '12345678', label: 'Kommunen' },
  recipient: { cpr: '0101801234' },
  label: 'Afgørelse om tilskud',
  mainDocument: { files: [{ filename: 'afgørelse.pdf', content: pdf() }] },
});

/** Everything the builder can write: each optional part, the limits at their maximum, awkward text. */
const variants: [string, MemoInput][] = [
  ['minimal', base()],
  ['no fractional seconds', { ...base(), createdAt: '2026-11-28T10:00:00Z' }],
  ['notification and recipient label', { ...base(), notification: 'Du har fået svar fra kommunen', recipient: { cpr: '0101801234', label: 'Anna Æblegård' } }],
  ['every limit at its maximum', {
    ...base(),
    label: 'L'.repeat(250),
    notification: 'N'.repeat(150),
    sender: { cvr: '12345678', label: 'S'.repeat(250) },
    recipient: { cpr: '0101801234', label: 'R'.repeat(250) },
    mainDocument: {
      label: 'D'.repeat(250),
      files: [{ filename: `${'f'.repeat(251)}.pdf`, content: pdf(1000) }],
      actions: [{ label: 'A'.repeat(250), actionCode: 'SELVBETJENING', url: `https://x.example/${'p'.repeat(256 - 'https://x.example/'.length)}` }],
    },
  }],
  ['XML specials, Danish letters and stray control characters', {
    ...base(),
    label: 'Svar på <ansøgning> & "klage" \'nu\' æøå ÆØÅ \u000C',
    notification: 'Læs & svar <straks>',
    mainDocument: { label: 'Bilag & <noter>', files: [{ filename: 'brev & svar (1).pdf', content: pdf() }] },
  }],
  ['every action code, several files', {
    ...base(),
    mainDocument: {
      files: [{ filename: 'a.pdf', content: pdf() }, { filename: 'b.pdf', content: pdf(), language: 'en' }],
      actions: MEMO_ACTION_CODES.map((code) => ({ label: code, actionCode: code, url: `https://borger.example/${code}?a=1&b=2` })),
    },
  }],
  ['additional documents', {
    ...base(),
    additionalDocuments: [
      { label: 'Bilag 1', files: [{ filename: 'bilag1.pdf', content: pdf() }] },
      { files: [{ filename: 'bilag2.pdf', content: pdf(), language: 'kl' }, { filename: 'bilag3.pdf', content: pdf() }] },
    ],
  }],
  ['upper-case UUID', { ...base(), messageUuid: '3F2504E0-4F89-41D3-9A0C-0305E82C3301' }],
];

describe('every message the builder writes validates against MeMo_core.xsd', () => {
  const xmls = variants.map(([name, input]) => {
    const r = buildMemo(input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.problems)}`);
    return r.xml;
  });

  it('by Debian xmllint against the reference schemas', () => {
    expect(xmllintFailures(xmls)).toEqual([]);
  });

  it('and by the sandbox (xmllint-wasm, the run-time copy)', async () => {
    const results = await Promise.all(xmls.map((x) => validateMemo(Buffer.from(x, 'utf8'))));
    expect(results.map((r) => (r.ok ? 'ok' : r.message))).toEqual(xmls.map(() => 'ok'));
  });

  it('the run-time XSD copies are byte-identical to the reference', () => {
    for (const f of MEMO_XSD_FILES) {
      expect(readFileSync(resolve(import.meta.dirname, '../../../resources/memo-1.2', f)).equals(readFileSync(join(REFERENCE_XSD_DIR, f))), f).toBe(true);
    }
  });
});

describe('the builder guards what the XSD demands, in Danish, before anything is queued', () => {
  const problem = (input: MemoInput) => {
    const problems = checkMemo(input);
    expect(problems).toHaveLength(1);
    return memoProblemText(problems[0]!, 'da');
  };
  const action = (url: string): MemoInput => ({ ...base(), mainDocument: { files: [{ filename: 'a.pdf', content: pdf() }], actions: [{ label: 'Gå', actionCode: 'INFORMATION', url }] } });

  it('an action link over 256 characters', () => {
    const url = `https://x.example/${'p'.repeat(257 - 'https://x.example/'.length)}`;
    expect(problem(action(url))).toContain('højst være 256 tegn');
    // The XSD agrees: the same message with the guard bypassed fails.
    const ok = buildMemo(action(url.slice(0, 256)));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(xmllintFailures([ok.xml.replace(url.slice(0, 256), url)]).join('\n')).toContain('url');
  });

  it('a language that is not 2 letters', () => {
    expect(problem({ ...base(), mainDocument: { files: [{ filename: 'a.pdf', content: pdf(), language: 'dan' }] } })).toContain('sprogkode på 2 bogstaver');
  });

  it('a UUID that is not version 4', () => {
    expect(problem({ ...base(), messageUuid: '2f1b7e0a-1dd2-11b2-8000-0242ac120002' })).toContain('besked-id er ugyldigt');
  });

  it('a time that is not UTC with Z', () => {
    expect(problem({ ...base(), createdAt: '2026-11-28T11:00:00+01:00' })).toContain('UTC (slutte på Z)');
    expect(problem({ ...base(), createdAt: '2026-11-28 10:00' })).toContain('UTC');
  });
});
