import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../../src-main/contract';
import { formatDateTime } from '../../components/format';
import { useActionTypeLabel } from '../../components/use-action-type-label';

/** The status actions queued for this record and how each attempt went. */
export function JobsTab({ jobs, onRetry }: { jobs: JobView[]; onRetry?: (jobId: number) => void }): ReactNode {
  const { t } = useTranslation();
  const typeLabel = useActionTypeLabel();
  if (jobs.length === 0) return <p className="muted">{t('jobs.empty')}</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('jobs.action')}</th>
          <th scope="col">{t('jobs.type')}</th>
          <th scope="col">{t('jobs.status')}</th>
          <th scope="col">{t('jobs.attempts')}</th>
          <th scope="col">{t('jobs.nextRunAt')}</th>
          <th scope="col">{t('jobs.lastError')}</th>
          <th scope="col">{t('jobs.log')}</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id} id={`job-${job.id}`} data-testid="job-row" data-job-status={job.status}>
            <td>{job.actionName}</td>
            <td>{typeLabel(job.type)}</td>
            <td>
              <span className={`job-state job-state-${job.status}`}>{t(`jobs.states.${job.status}`)}</span>
            </td>
            <td className="num">
              {job.attempts}/{job.maxAttempts}
            </td>
            <td className="nowrap">{job.status === 'queued' ? formatDateTime(job.nextRunAt) : ''}</td>
            <td className="job-error">
              {job.lastError}
              {job.status === 'failed' && onRetry && (
                <>
                  {' '}
                  <button type="button" className="btn btn-small" data-testid="job-retry" onClick={() => onRetry(job.id)}>
                    {t('timedActions.retry')}
                  </button>
                </>
              )}
            </td>
            <td>
              {job.attemptLog.length > 0 && (
                <details>
                  <summary>{t('jobs.attemptLine', { attempt: job.attemptLog.length })}</summary>
                  <ol className="attempt-log">
                    {job.attemptLog.map((a) => (
                      <li key={a.attempt}>
                        <span className="nowrap">{formatDateTime(a.startedAt)}</span>{' '}
                        <span className={`job-state job-state-${a.outcome}`}>{t(`jobs.states.${a.outcome}`)}</span>{' '}
                        {a.message}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
