import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { simpleLetterPdf } from '../../../src-main/digital-post/letter/simple-letter-pdf';

// The letter a caseworker writes from a record (and the "Send Digital Post"
// action sends) must show every Danish letter, and names beyond Latin-1 too.
describe('simple letter PDF', () => {
  const file = (bytes: Uint8Array) => {
    const path = join(mkdtempSync(join(tmpdir(), 'letter-')), 'letter.pdf');
    writeFileSync(path, bytes);
    return path;
  };

  it('embeds the font and carries the text exactly, Danish letters and all', async () => {
    const pdf = simpleLetterPdf({ title: 'Vi behandler din ansøgning, Åse Æbelø', body: 'Kære Åse\n\nHilsen fra Łukasz Żółć i Ærø.', date: '2026-11-28' });
    const path = file(pdf);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Vi behandler din ansøgning, Åse Æbelø');
    expect(text).toContain('Hilsen fra Łukasz Żółć i Ærø.');
    expect(text).toContain('2026-11-28');
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
    expect(fonts).toMatch(/LiberationSans.*yes/);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  it('runs on to more pages for a long body', async () => {
    const body = Array.from({ length: 120 }, (_, i) => `Afsnit ${i + 1}: en linje om sagen.`).join('\n\n');
    const pdf = simpleLetterPdf({ title: 'Lang afgørelse', body });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(1);
    expect(execFileSync('pdftotext', [file(pdf), '-'], { encoding: 'utf8' })).toContain('Afsnit 120: en linje om sagen.');
  });
});
