import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardFailureView } from '../../../src-main/contract';

interface Props {
  failures: GuardFailureView[];
  /** Shows the failing item on the record (e.g. the failed job in the jobs tab). */
  onShowItem: (link: NonNullable<GuardFailureView['link']>) => void;
}

/** Why a transition is refused, in plain words from main, each with a way to the failing item. */
export function GuardFailures({ failures, onShowItem }: Props): ReactNode {
  const { t } = useTranslation();
  if (failures.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="guard-failures">
      <div>
        <p>{t('timedActions.guards.refused')}</p>
        <ul>
          {failures.map((f) => (
            <li key={f.type} data-testid="guard-failure" data-guard={f.type}>
              {f.reason}{' '}
              {f.link && (
                <button type="button" className="btn btn-small" data-testid="guard-failure-link" onClick={() => onShowItem(f.link!)}>
                  {t('timedActions.guards.showItem')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
