import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../src-main/contract';
import { errorText } from '../i18n/translate-error';

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
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner" data-error-code={error.code}>
      <span>{main}</span>
      {children}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="banner banner-ok" role="status" data-testid="notice">
      {children}
    </div>
  );
}
