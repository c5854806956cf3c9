import type { FieldDef, FieldError } from '../contract';
import { fieldChecker, isRefusal, type ValueContext } from './field-values';

/** A row's values in their stored form, in the checker's field order, or every reason it was refused. */
export type CheckedRow = { values: (string | null)[]; errors: null } | { values: null; errors: FieldError[] };

/**
 * Checks whole rows of cells against a fixed list of fields (a CSV import's
 * mapped columns: `columns[i]` is the cell that fills `fields[i]`), with each
 * field's check prepared once. Required fields that no column fills refuse
 * every row. Whether a user or group exists is asked once per id for the
 * checker's lifetime instead of once per cell.
 */
export function rowChecker(
  /** Every field of the workspace, for the required ones. */
  allFields: readonly FieldDef[],
  fields: readonly FieldDef[],
  columns: readonly number[],
  refs: ValueContext,
): (cells: readonly string[]) => CheckedRow {
  const remembered = rememberedRefs(refs);
  const checks = fields.map((field) => fieldChecker(field, remembered));
  const filled = new Set(fields.map((f) => f.id));
  const missing: FieldError[] = allFields.filter((f) => f.required && !filled.has(f.id)).map((f) => ({ field: f.key, key: 'required' }));
  return (cells) => {
    const values = new Array<string | null>(checks.length);
    let errors: FieldError[] | null = missing.length ? [...missing] : null;
    for (let i = 0; i < checks.length; i += 1) {
      const checked = (checks[i] as (typeof checks)[number])(cells[columns[i] as number] ?? null);
      if (isRefusal(checked)) (errors ??= []).push(checked);
      else values[i] = checked;
    }
    return errors ? { values: null, errors } : { values, errors: null };
  };
}

/** Existence look-ups remembered for the lifetime of one batch. */
function rememberedRefs(refs: ValueContext): ValueContext {
  const users = new Map<number, boolean>();
  const groups = new Map<number, boolean>();
  const remember = (seen: Map<number, boolean>, id: number, ask: (id: number) => boolean): boolean => {
    let known = seen.get(id);
    if (known === undefined) {
      known = ask(id);
      seen.set(id, known);
    }
    return known;
  };
  return {
    userExists: (id) => remember(users, id, (x) => refs.userExists(x)),
    groupExists: (id) => remember(groups, id, (x) => refs.groupExists(x)),
    ...(refs.finder ? { finder: refs.finder } : {}),
  };
}
