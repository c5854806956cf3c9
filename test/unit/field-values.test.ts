import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldType } from '../../src-main/contract';
import { FIELD_TYPES } from '../../src-main/contract';
import { checkFieldValue, type ValueContext } from '../../src-main/records/field-values';
import { peopleFinder } from '../../src-main/users/people-finder';

const refs: ValueContext = {
  userExists: (id) => id === 7,
  groupExists: (id) => id === 3,
};

const field = (type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  id: 1,
  key: `f_${type}`,
  label: type,
  type,
  required: false,
  options: [],
  role: null,
  showInList: false,
  sortOrder: 0,
  ...extra,
});

const accepted = (type: FieldType, raw: string | null, extra: Partial<FieldDef> = {}) => {
  const check = checkFieldValue(field(type, extra), raw, refs);
  if (!check.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted for ${type}, got ${check.error.key}`);
  return check.value;
};

const rejected = (type: FieldType, raw: string | null, extra: Partial<FieldDef> = {}) => {
  const check = checkFieldValue(field(type, extra), raw, refs);
  if (check.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected for ${type}`);
  expect(check.error.field).toBe(`f_${type}`);
  return check.error;
};

describe('empty values and required fields', () => {
  it.each(FIELD_TYPES)('%s: empty, blank and null clear an optional field', (type) => {
    const extra = type === 'choice' ? { options: ['A'] } : {};
    expect(accepted(type, '', extra)).toBeNull();
    expect(accepted(type, '   ', extra)).toBeNull();
    expect(accepted(type, null, extra)).toBeNull();
  });

  it.each(FIELD_TYPES)('%s: empty is "required" on a required field', (type) => {
    expect(rejected(type, '', { required: true }).key).toBe('required');
    expect(rejected(type, null, { required: true }).key).toBe('required');
    expect(rejected(type, ' \t ', { required: true }).key).toBe('required');
  });
});

describe('text and long text', () => {
  it('trims and keeps text', () => {
    expect(accepted('text', '  Jens Hansen ')).toBe('Jens Hansen');
    expect(accepted('longtext', 'line 1\nline 2')).toBe('line 1\nline 2');
  });

  it('limits text to 500 and long text to 20,000 characters', () => {
    expect(accepted('text', 'x'.repeat(500))).toHaveLength(500);
    expect(rejected('text', 'x'.repeat(501))).toEqual({ field: 'f_text', key: 'too_long', params: { max: 500 } });
    expect(accepted('longtext', 'x'.repeat(20_000))).toHaveLength(20_000);
    expect(rejected('longtext', 'x'.repeat(20_001))).toEqual({ field: 'f_longtext', key: 'too_long', params: { max: 20_000 } });
  });

  it('checks length for every type, not only text', () => {
    expect(rejected('number', '1'.repeat(501)).key).toBe('too_long');
    expect(rejected('email', `${'a'.repeat(496)}@b.dk`).key).toBe('too_long');
  });
});

describe('number', () => {
  it.each([
    ['42', '42'],
    ['-3', '-3'],
    ['12,5', '12.5'],
    ['12.5', '12.5'],
    [' 0,25 ', '0.25'],
    // Danish grouping and decimal comma (issue 14).
    ['4.500,75', '4500.75'],
    ['1.234,5', '1234.5'],
    ['4.500', '4500'],
    ['1 000', '1000'],
    ['−7', '-7'],
  ])('accepts %j as %j', (raw, stored) => {
    expect(accepted('number', raw)).toBe(stored);
  });

  it.each(['abc', '1e5', '12.', ',5', '1.23,4', '1.2345,6', '1.000.00', '1,000.5', '+4', '--1', '0x10', 'NaN', 'Infinity'])('rejects %j', (raw) => {
    expect(rejected('number', raw).key).toBe('number_invalid');
  });
});

describe('date', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '1999-12-31', '2026-01-31', '2026-04-30', '1600-02-29'])('accepts %s', (raw) => {
    expect(accepted('date', raw)).toBe(raw);
  });

  it.each([
    ['15-01-2027', '2027-01-15'],
    ['01.03.2027', '2027-03-01'],
    ['1.3.2027', '2027-03-01'],
    ['29-02-2024', '2024-02-29'],
  ])('accepts the Danish %s as %s', (raw, iso) => {
    expect(accepted('date', raw)).toBe(iso);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-06-00', '2026-1-1', '26-01-01', '29-02-2025', '31.04.2026', '01-02.2026', '2026/02/01', 'i morgen'])(
    'rejects %s',
    (raw) => {
      expect(rejected('date', raw).key).toBe('date_invalid');
    },
  );
});

describe('choice', () => {
  const options = { options: ['Boligtilskud', 'Tandpleje'] };
  it('accepts exactly an option', () => {
    expect(accepted('choice', 'Tandpleje', options)).toBe('Tandpleje');
    expect(accepted('choice', ' Tandpleje ', options)).toBe('Tandpleje');
  });
  it.each(['tandpleje', 'Tand', 'Andet'])('rejects %j', (raw) => {
    expect(rejected('choice', raw, options).key).toBe('choice_invalid');
  });
});

describe('yes/no', () => {
  it.each([
    ['ja', 'true'],
    ['Ja', 'true'],
    ['NEJ', 'false'],
    ['nej', 'false'],
    ['yes', 'true'],
    ['no', 'false'],
    ['true', 'true'],
    ['false', 'false'],
    ['1', 'true'],
    ['0', 'false'],
  ])('normalises %j to %j', (raw, stored) => {
    expect(accepted('yesno', raw)).toBe(stored);
  });
  it.each(['måske', 'y', 'n', '2', 'jaa', 'constructor', '__proto__', 'toString'])('rejects %j', (raw) => {
    expect(rejected('yesno', raw).key).toBe('yesno_invalid');
  });
});

describe('email and phone', () => {
  it.each(['mette@kommune.dk', 'a.b+c@sub.example.org'])('accepts email %s', (raw) => {
    expect(accepted('email', raw)).toBe(raw);
  });
  it.each(['mette', 'mette@kommune', '@kommune.dk', 'a b@kommune.dk', 'a@@b.dk'])('rejects email %j', (raw) => {
    expect(rejected('email', raw).key).toBe('email_invalid');
  });
  it.each(['12345678', '12 34 56 78', '+45 12345678', '+4512345678', '+44 20 7946 0958', '1234-5678'])('accepts phone %j', (raw) => {
    expect(accepted('phone', raw)).toBe(raw);
  });
  it.each(['123', 'tlf. 12345678', '12345678901234567', '+', '12  34 56 78', '+45-'])('rejects phone %j', (raw) => {
    expect(rejected('phone', raw).key).toBe('phone_invalid');
  });
});

describe('user and group references', () => {
  it('accepts existing ids only', () => {
    expect(accepted('user', '7')).toBe('7');
    expect(accepted('group', '3')).toBe('3');
    expect(rejected('user', '3').key).toBe('user_unknown');
    expect(rejected('group', '7').key).toBe('group_unknown');
  });
  it.each(['0', '-7', '7.0', '07', 'abc', '1e1', '99999999999999999'])('rejects malformed id %j', (raw) => {
    expect(rejected('user', raw).key).toBe('user_unknown');
    expect(rejected('group', raw).key).toBe('group_unknown');
  });

  it('with a finder (CSV import), names users by initials, e-mail or name, and refuses what fits several', () => {
    const finder = peopleFinder({
      users: [
        { id: 7, name: 'Mette Jensen', initials: 'MJ', email: 'mj@kommune.example' },
        { id: 8, name: 'Jens Nielsen', initials: 'JN', email: 'jn@kommune.example' },
        { id: 9, name: 'Jens Nielsen', initials: 'JNI', email: 'jni@kommune.example' },
      ],
      groups: [{ id: 3, name: 'Visitation' }],
    });
    const withFinder = (type: FieldType, raw: string) => checkFieldValue(field(type), raw, { ...refs, finder });
    expect(withFinder('user', 'mj')).toEqual({ ok: true, value: '7' });
    expect(withFinder('user', 'JN@kommune.example')).toEqual({ ok: true, value: '8' });
    expect(withFinder('user', '7')).toEqual({ ok: true, value: '7' });
    expect(withFinder('user', 'Jens Nielsen')).toEqual({ ok: false, error: { field: 'f_user', key: 'user_ambiguous' } });
    expect(withFinder('user', 'Ukendt')).toEqual({ ok: false, error: { field: 'f_user', key: 'user_unknown' } });
    expect(withFinder('group', 'visitation')).toEqual({ ok: true, value: '3' });
    // Without a finder (forms send ids) a name is refused.
    expect(rejected('user', 'MJ').key).toBe('user_unknown');
  });
});

describe('CPR fields', () => {
  it('stores ten digits', () => {
    expect(accepted('cpr', '010190-1234')).toBe('0101901234');
    expect(accepted('cpr', '0101901234')).toBe('0101901234');
  });
  it('reports format and date problems separately', () => {
    expect(rejected('cpr', '0101-901234').key).toBe('cpr_format');
    expect(rejected('cpr', '300201-1234').key).toBe('cpr_invalid_date');
  });
});

describe('error parameters never echo a CPR number', () => {
  const cprs = ['0101901234', '010190-1234', '3002011234', '300201-1234'];
  const carriers = (cpr: string) => [cpr, ` ${cpr} `, `${cpr}x`, `cpr ${cpr}`, `${cpr} `.repeat(60), `${cpr}\n`.repeat(3000)];

  it.each(FIELD_TYPES)('%s', (type) => {
    const extra = type === 'choice' ? { options: ['A'] } : {};
    let errors = 0;
    for (const cpr of cprs) {
      for (const raw of carriers(cpr)) {
        const check = checkFieldValue(field(type, extra), raw, refs);
        if (check.ok) continue;
        errors += 1;
        const text = JSON.stringify(check.error);
        expect(text).not.toContain(cpr);
        expect(text).not.toContain(cpr.replace('-', ''));
        expect(text).not.toContain(cpr.slice(-4));
      }
    }
    // Every type refuses at least the over-long carriers, so the loop above really looked at errors.
    expect(errors).toBeGreaterThan(0);
  });
});
