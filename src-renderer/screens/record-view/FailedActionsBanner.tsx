import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../../src-main/contract';

/** A status action that gave up is never silently swallowed: the record says so at the top. */
export function FailedActionsBanner({ jobs, onShow }: { jobs: JobView[]; onShow: (jobId: number) => void }): ReactNode {
  const { t } = useTranslation();
  const failed = jobs.filter((j) => j.status === 'failed');
  if (failed.length === 0) return null;
  return (
    <div className="banner banner-error" role="status" data-testid="failed-actions-banner">
      <span>{t('timedActions.failed.summary', { count: failed.length, name: failed[0]!.actionName })}</span>
      <button type="button" className="btn btn-small" onClick={() => onShow(failed[0]!.id)}>
        {t('timedActions.guards.showItem')}
      </button>
    </div>
  );
}
