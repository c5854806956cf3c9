import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hasCprs, maskCprsInText, restoreMaskedCprs } from '../../src-main/cpr/cpr-text';
import { maskCprsInConsole } from '../../src-main/shared/log-redaction';

describe('CPR numbers in free text', () => {
  it.each([
    ['CPR 0101901234 oplyst', 'CPR 010190-**** oplyst'],
    ['CPR 010190-1234.', 'CPR 010190-****.'],
    ['to: 0101901234,0202905678', 'to: 010190-****,020290-****'],
    // Not a real birth date: 31 February, month 13.
    ['faktura 3102901234', 'faktura 3102901234'],
    ['konto 0113901234', 'konto 0113901234'],
    // Inside a longer run of digits: an account or phone number, not a CPR number.
    ['konto 00101901234', 'konto 00101901234'],
    ['01019012345', '01019012345'],
    // Part of an identifier (a UUID's last group, a token): left alone.
    ['id 5b1c2a4e-0000-4000-8000-0101901234ab', 'id 5b1c2a4e-0000-4000-8000-0101901234ab'],
    ['token x0101901234', 'token x0101901234'],
    ['(CPR:0101901234)', '(CPR:010190-****)'],
    ['', ''],
  ])('%s → %s', (text, masked) => {
    expect(maskCprsInText(text)).toBe(masked);
    expect(hasCprs(text)).toBe(masked !== text);
  });

  it('a masked text saved back gets its numbers again; a new mask or two numbers of one birth date stay masked', () => {
    const stored = 'CPR 0101901234, ægtefælle 020290-5678.';
    expect(restoreMaskedCprs('CPR 010190-****, ægtefælle 020290-****. Ringet op.', stored)).toBe('CPR 0101901234, ægtefælle 020290-5678. Ringet op.');
    expect(restoreMaskedCprs('Ny: 030390-****', stored)).toBe('Ny: 030390-****');
    expect(restoreMaskedCprs('010190-****', 'A 0101901234 B 0101904321')).toBe('010190-****');
    expect(restoreMaskedCprs('010190-****', null)).toBe('010190-****');
  });
});

describe('console lines', () => {
  it('are masked, whatever the arguments (strings, errors, objects)', () => {
    let out = '';
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void ((out += chunk.toString()), done()) });
    const target = new Console({ stdout: sink, stderr: sink });
    maskCprsInConsole(target);
    target.error('failed for', new Error('citizen 0101901234 unknown'), { cpr: '020290-5678' });
    target.log('plain %s', '0303904321');
    expect(out).toContain('010190-****');
    expect(out).toContain('020290-****');
    expect(out).toContain('030390-****');
    for (const cpr of ['0101901234', '020290-5678', '0303904321']) expect(out).not.toContain(cpr);
  });
});
