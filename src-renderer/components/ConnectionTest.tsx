import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ConnectionCheckView, Result } from '../../src-main/contract';
import { isProbeCause, probeText } from '../../src-main/integration-settings/connection-test';
import { ErrorBanner } from './ErrorBanner';

/**
 * "Test forbindelsen" beside a settings form: runs `run` with the form's current
 * (unsaved) values and shows what main found, its cause in the reader's language.
 */
export function ConnectionTest({ run, testId }: { run: () => Promise<Result<ConnectionCheckView>>; testId: string }): ReactNode {
  const { t, i18n } = useTranslation();
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<ConnectionCheckView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const test = async () => {
    setTesting(true);
    setCheck(null);
    const result = await run();
    setTesting(false);
    if (result.ok) {
      setError(null);
      setCheck(result.value);
    } else setError(result.error);
  };
  return (
    <div className="connection-test" data-testid={testId}>
      <button type="button" className="btn" disabled={testing} onClick={() => void test()} data-testid={`${testId}-button`}>
        {testing ? t('connectionTest.testing') : t('connectionTest.test')}
      </button>
      <span className="hint"> {t('connectionTest.hint')}</span>
      <ErrorBanner error={error} />
      {check && (
        <p className={check.ok ? 'banner' : 'banner banner-error'} role="status" data-testid={`${testId}-result`}>
          <strong>{check.ok ? t('connectionTest.ok') : t(`connectionTest.problems.${check.problem ?? 'settings'}`)}:</strong> {wording(check, i18n.language)}
        </p>
      )}
    </div>
  );
}

/** The finding worded now, in the reader's language; main's own wording only for a finding without a code. */
function wording(check: ConnectionCheckView, language: string): string {
  const { service, base } = check.params;
  if (!isProbeCause(check.cause) || !service || base === undefined) return check.detail;
  return probeText(check.cause, { ...check.params, service, base }, language === 'en' ? 'en' : 'da');
}
