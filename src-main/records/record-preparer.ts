import type { FieldDef } from '../contract';
import { nameKey } from './name-key';

/**
 * One record of a batch as the writer stores it: name, name key, CPR,
 * responsible user and group (the hot columns), the stored values as JSON, then
 * the id in each of the batch's user and group fields (0 when empty). A flat
 * array, because batches of them are copied between threads.
 */
export type PreparedRecord = [
  name: string,
  nameKey: string,
  cpr: string | null,
  user: number | null,
  group: number | null,
  json: string,
  ...people: number[],
];

export interface RecordPreparer {
  /** The user and group fields, in the order of PreparedRecord's trailing ids. */
  people: FieldDef[];
  prepare(values: readonly (string | null)[]): PreparedRecord;
}

/** What JSON.stringify would escape in a string: quotes, backslashes, control characters, and surrogates (lone ones become \u escapes). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Turns checked values (in `fields` order) into what the batch writer stores,
 * with the layout worked out once for all records. Pure: it runs on the import's
 * second thread as well as on the app's.
 */
export function recordPreparer(fields: readonly FieldDef[]): RecordPreparer {
  // The last field of a role wins, as in hotColumns.
  const roleIndex = (role: FieldDef['role']): number => fields.findLastIndex((f) => f.role === role);
  const name = roleIndex('name');
  const cpr = roleIndex('cpr');
  const user = roleIndex('responsible_user');
  const group = roleIndex('responsible_group');
  // The stored JSON object's members in field-id order: the same text storedValues writes for one record.
  const members = fields
    .map((field, index) => ({ index, id: field.id, key: `"${field.id}":`, quotedKey: `"${field.id}":"` }))
    .sort((a, b) => a.id - b.id);
  const people = fields.flatMap((field, index) => (field.type === 'user' || field.type === 'group' ? [{ index, field }] : []));

  const json = (values: readonly (string | null)[]): string => {
    let text = '';
    for (const { index, key, quotedKey } of members) {
      const value = values[index];
      if (value === null || value === undefined) continue;
      text += text ? ',' : '{';
      // Most values need no escaping: quoted as they are, JSON.stringify only for the rest.
      text += NEEDS_ESCAPING.test(value) ? key + JSON.stringify(value) : `${quotedKey}${value}"`;
    }
    return text ? `${text}}` : '{}';
  };

  return {
    people: people.map((p) => p.field),
    prepare(values) {
      const recordName = at(values, name) ?? '';
      const prepared: PreparedRecord = [recordName, nameKey(recordName), at(values, cpr), idAt(values, user), idAt(values, group), json(values)];
      for (const { index } of people) prepared.push(idAt(values, index) ?? 0);
      return prepared;
    },
  };
}

const at = (values: readonly (string | null)[], index: number): string | null => (index === -1 ? null : (values[index] ?? null));

const idAt = (values: readonly (string | null)[], index: number): number | null => {
  const value = at(values, index);
  return value ? Number(value) : null;
};
