import type { FieldDef, FieldError } from '../contract';

/** Plain English for the field error keys of the contract (the app shows them translated). */
const TEXT: Record<string, (error: FieldError, field: FieldDef | undefined) => string> = {
  required: () => 'a value is required',
  too_long: (e) => `the text is too long (at most ${e.params?.max ?? 'the allowed number of'} characters)`,
  cpr_format: () => 'the CPR number must be 10 digits (DDMMYYXXXX or DDMMYY-XXXX)',
  cpr_invalid_date: () => 'the CPR number does not contain a valid date of birth',
  number_invalid: () => 'must be a number, e.g. 4.500,75, 12,5 or 12.5',
  date_invalid: () => 'must be a date written as DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD',
  cpr_duplicate_in_file: () => 'the CPR number is also on an earlier row of the file',
  cpr_exists: () => 'a record with this CPR number already exists',
  choice_invalid: (_e, field) => (field?.options.length ? `must be one of: ${field.options.join(', ')}` : 'must be one of the allowed values'),
  yesno_invalid: () => 'must be yes or no (ja/nej, yes/no, true/false or 1/0)',
  email_invalid: () => 'is not a valid email address',
  phone_invalid: () => 'is not a valid phone number',
  user_unknown: () => 'must name an existing user: id, initials, e-mail or name',
  user_ambiguous: () => 'fits several users: write the initials or the e-mail',
  group_unknown: () => 'must name an existing group: id or name',
  group_ambiguous: () => 'fits several groups: write the group id',
  unknown_field: () => 'is not a field of this workspace',
};

/**
 * "CPR-nummer (cpr): the CPR number does not contain a valid date of birth".
 * Built from the error key and the field definition only: the rejected value
 * itself is never repeated, since it may be a CPR number.
 */
export function fieldErrorText(error: FieldError, fieldsByKey: ReadonlyMap<string, FieldDef>): string {
  const field = fieldsByKey.get(error.field);
  const text = TEXT[error.key]?.(error, field) ?? `is not valid (${error.key})`;
  const name = field ? `${field.label} (${field.key})` : error.field;
  return `${name}: ${text}`;
}
