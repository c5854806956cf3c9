import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldError } from '../../src-main/contract';
import { danishDate, danishNumber, fillText, parseText, type RecordData } from '../../src-main/documents/placeholders';

const field = (key: string, type: FieldDef['type']): FieldDef => ({ id: key.length, key, label: key, type, required: false, options: [], role: null, showInList: false, sortOrder: 0 });
const fields = new Map(
  [field('navn', 'text'), field('cpr', 'cpr'), field('frist', 'date'), field('beloeb', 'number'), field('bevilget', 'yesno'), field('sagsbehandler', 'user'), field('team', 'group')].map((f) => [f.key, f]),
);
const names = { userName: (id: number) => (id === 7 ? 'Anne Sørensen' : null), groupName: (id: number) => (id === 3 ? 'Visitation' : null) };
const data: RecordData = {
  recordId: 1,
  number: '2026-000042',
  statusName: 'Under behandling',
  values: new Map([
    ['navn', 'Søren Ærø'],
    ['cpr', '0101901234'],
    ['frist', '2026-12-03'],
    ['beloeb', '1234567.5'],
    ['bevilget', 'true'],
    ['sagsbehandler', '7'],
    ['team', '3'],
  ]),
  caseworkerName: 'Mette Jensen',
  today: '2026-11-28',
};

const fill = (text: string) => {
  const errors: FieldError[] = [];
  const parts = parseText(text, 'p', fields, errors);
  expect(errors).toEqual([]);
  return fillText(parts, data, fields, names);
};

describe('placeholders', () => {
  it('formats values by field type, Danish style', () => {
    expect(fill('{{navn}}, frist {{frist}}: {{beloeb}} kr. Bevilget: {{bevilget}}')).toBe('Søren Ærø, frist 3. december 2026: 1.234.567,5 kr. Bevilget: Ja');
    expect(fill('{{sagsbehandler}} / {{team}}')).toBe('Anne Sørensen / Visitation');
    expect(fill('{{ caseworker }} {{today}} {{record_number}} {{status}}')).toBe('Mette Jensen 28. november 2026 2026-000042 Under behandling');
  });

  it('masks the CPR number unless the template asks for the full number', () => {
    expect(fill('CPR {{cpr}}')).toBe('CPR 010190-****');
    expect(fill('CPR {{cpr|fuld}}')).toBe('CPR 010190-1234');
  });

  it('reports unknown, malformed and misused placeholders with their place', () => {
    const errors: FieldError[] = [];
    parseText('Hej {{nvan}} og {{navn|fuld}} og {{navn}', 'blocks.2.text', fields, errors);
    expect(errors).toEqual([
      { field: 'blocks.2.text', key: 'placeholder_unknown', params: { name: 'nvan' } },
      { field: 'blocks.2.text', key: 'placeholder_modifier', params: { name: 'navn|fuld' } },
      { field: 'blocks.2.text', key: 'placeholder_malformed' },
    ]);
  });

  it('leaves an empty value empty', () => {
    const errors: FieldError[] = [];
    const parts = parseText('[{{navn}}]', 'p', fields, errors);
    expect(fillText(parts, { ...data, values: new Map() }, fields, names)).toBe('[]');
  });

  it('writes dates and numbers the Danish way', () => {
    expect(danishDate('2026-01-09')).toBe('9. januar 2026');
    expect(danishNumber('-1000')).toBe('-1.000');
    expect(danishNumber('999')).toBe('999');
  });
});
