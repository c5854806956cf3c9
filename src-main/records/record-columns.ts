import type { FieldDef, FieldRole } from '../contract';

/** The record's own columns that mirror role fields, so lists filter and sort without reading values. */
export type Hot = { name?: string | null; cpr?: string | null; user?: number | null; group?: number | null };

/** The hot-column values implied by role fields among the changed values. */
export function hotColumns(clean: Map<FieldDef, string | null>): Hot {
  const hot: Hot = {};
  const byRole = new Map<FieldRole, string | null>();
  for (const [field, value] of clean) if (field.role) byRole.set(field.role, value);
  if (byRole.has('name')) hot.name = byRole.get('name') ?? null;
  if (byRole.has('cpr')) hot.cpr = byRole.get('cpr') ?? null;
  if (byRole.has('responsible_user')) hot.user = toId(byRole.get('responsible_user'));
  if (byRole.has('responsible_group')) hot.group = toId(byRole.get('responsible_group'));
  return hot;
}

const toId = (v: string | null | undefined): number | null => (v ? Number(v) : null);

/** The record number caseworkers quote: the year it was made and its id, e.g. `2026-000042`. */
export const recordNumber = (now: number, id: number): string => recordNumbersAt(now)(id);

/** recordNumber for many records made at the same moment (a batch works out the year once). */
export function recordNumbersAt(now: number): (id: number) => string {
  const year = new Date(now).getUTCFullYear();
  return (id) => `${year}-${String(id).padStart(6, '0')}`;
}

/** The stored form of a record's values: one JSON object keyed by field id, empty values left out (migration 008). */
export function storedValues(clean: Map<FieldDef, string | null>): string {
  const stored: Record<number, string> = {};
  for (const [field, value] of clean) if (value !== null) stored[field.id] = value;
  return JSON.stringify(stored);
}

export const INSERT_RECORDS_HEAD =
  'INSERT INTO records (id, number, workflow_id, status_id, name, name_key, cpr, responsible_user_id, responsible_group_id, version, created_at, updated_at, created_by) VALUES';
export const INSERT_RECORD_SQL = `${INSERT_RECORDS_HEAD} (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`;
export const INSERT_RECORD_DATA_SQL = 'INSERT INTO record_data (record_id, field_values) VALUES (?, ?)';
/** CPR look-ups go through their own search index (migration 009), kept in step with records.cpr. */
export const INSERT_CPR_SQL = 'INSERT INTO records_cpr (rowid, cpr) VALUES (?, ?)';
