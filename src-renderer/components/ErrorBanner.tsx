import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, FieldError } from '../../src-main/contract';
import type { Catalogue } from '../i18n/catalogue';
import { i18n } from '../i18n/i18n';
import { errorText, fieldErrorText } from '../i18n/translate-error';
import { budgetRefusalTexts } from '../screens/costs/budget-text';

interface Props {
  error: AppError | null;
  /** Replaces the code's generic text, e.g. the record view's own conflict wording. */
  text?: string;
  children?: ReactNode;
}

/**
 * Shows an error by its code in the caseworker's language. The server's English
 * `message` is deliberately not shown: it is meant for logs, not for people.
 */
export function ErrorBanner({ error, text, children }: Props): ReactNode {
  const { t } = useTranslation();
  if (!error) return null;
  const main = text ?? (error.code === 'validation_failed' ? t('errors.validationSummary') : errorText(t, error));
  const settings = settingErrors(error);
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner" data-error-code={error.code}>
      <span>{main}</span>
      {settings.length > 0 && (
        <ul className="setting-errors" data-testid="setting-errors">
          {settings.map((s) => (
            <li key={s.key}>
              {s.label} {fieldErrorText(t, s.error)}
            </li>
          ))}
        </ul>
      )}
      {budgetRefusalTexts(t, error).map((text) => (
        <p key={text} data-testid="budget-refusal">
          {text}
        </p>
      ))}
      {children}
    </div>
  );
}

/**
 * Field errors of a settings form (setting-checks.ts in main), each with the
 * setting's name: settings forms have no per-field error slots, so the banner names them.
 */
function settingErrors(error: AppError): { key: string; label: string; error: FieldError }[] {
  return (error.fieldErrors ?? []).flatMap((fe, i) => {
    const name = fe.field.replace(/\./g, '_') as keyof Catalogue['settingFields'];
    return i18n.exists(`settingFields.${name}`) ? [{ key: `${fe.field}-${i}`, label: i18n.t(`settingFields.${name}`), error: fe }] : [];
  });
}

export function Notice({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="banner banner-ok" role="status" data-testid="notice">
      {children}
    </div>
  );
}
