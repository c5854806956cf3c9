import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src-main/contract';
import { fieldErrorText, fieldPathText } from '../../i18n/translate-error';

/**
 * Field errors for keys the form does not show (a field deleted meanwhile, an
 * `unknown_field`): listed in the banner so that no refusal goes unexplained.
 */
export function UnplacedFieldErrors({ error, placed }: { error: AppError | null; placed: ReadonlySet<string> }): ReactNode {
  const { t } = useTranslation();
  const unplaced = (error?.fieldErrors ?? []).filter((fe) => !placed.has(fe.field));
  if (unplaced.length === 0) return null;
  return (
    <ul className="plain-list">
      {unplaced.map((fe, i) => (
        <li key={i}>
          {fieldPathText(t, fe.field)}: {fieldErrorText(t, fe)}
        </li>
      ))}
    </ul>
  );
}
