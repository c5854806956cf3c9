import { useCallback, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../components/format';
import { TabPanel, Tabs } from '../../components/Tabs';
import { MessagesTab } from '../digital-post/MessagesTab';
import { FollowUpQuestionnaires } from '../questionnaires/FollowUpQuestionnaires';
import { lastScope } from '../record-list/remembered-filters';
import { AuditTab } from './AuditTab';
import { HistoryTab } from './HistoryTab';
import { JobsTab } from './JobsTab';
import { SigningRequests } from '../signing/SigningRequests';
import { RecordFields } from './RecordFields';
import { StatusSection } from './StatusSection';
import { TimedActionsPanel } from './TimedActionsPanel';
import { FailedActionsBanner } from './FailedActionsBanner';
import type { Draft } from './use-record';
import { useRecord } from './use-record';

type TabKey = 'history' | 'jobs' | 'audit' | 'post';

export function RecordScreen({ id }: { id: number }): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const api = useApi();
  const [draft, setDraftState] = useState<Draft>({});
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const hasDraft = useCallback(() => Object.keys(draftRef.current).length > 0, []);
  const { record, loadError, stale, reload, replace, sync } = useRecord(id, hasDraft);
  const [tab, setTab] = useState<TabKey>('history');
  const setDraft = useCallback((update: (d: Draft) => Draft) => setDraftState(update), []);

  if (!record) {
    return (
      <section>
        <a href={routeHref({ name: 'records', scope: lastScope() })}>← {t('record.back')}</a>
        {loadError ? <ErrorBanner error={loadError} text={loadError.code === 'not_found' ? t('record.notFound') : undefined} /> : <p className="muted">{t('common.loading')}</p>}
      </section>
    );
  }

  const workflow = ws.workflowById.get(record.workflowId);
  /** Opens a tab (or none, for the side panels) and brings one of its items into view. */
  const reveal = (tabKey: TabKey | null, elementId: string) => {
    if (tabKey) setTab(tabKey);
    // The tab's content may still be loading: look for the item a few times.
    let tries = 0;
    const look = () => {
      const element = document.getElementById(elementId);
      if (element) element.scrollIntoView({ block: 'center' });
      else if (++tries < 30) setTimeout(look, 100);
    };
    setTimeout(look, 0);
  };
  const showJob = (jobId: number) => reveal('jobs', `job-${jobId}`);
  return (
    <article className="record-screen" aria-labelledby="record-title" data-testid="record-view" data-record-id={record.id}>
      <div className="record-head">
        {/* Back to the list the caseworker came from; it restores their search and filters. */}
        <a href={routeHref({ name: 'records', scope: lastScope() })}>← {t('record.back')}</a>
        <h1 id="record-title">
          <span className="record-number" data-testid="record-number">
            {t('record.heading', { number: record.number })}
          </span>
          {record.name && <span className="record-name"> · {record.name}</span>}
        </h1>
        <div className="record-meta muted">
          <span>
            {t('record.workflow')}: {workflow?.name ?? '?'}
          </span>
          <span>{t('record.created', { at: formatDateTime(record.createdAt) })}</span>
          <span>{t('record.updated', { at: formatDateTime(record.updatedAt) })}</span>
          <span>{t('record.version', { version: record.version })}</span>
        </div>
      </div>
      {stale && (
        <div className="banner banner-warn" role="status" data-testid="stale-banner">
          <span>{t('record.changedElsewhere')}</span>
          <button type="button" className="btn btn-small" onClick={() => void reload()}>
            {t('record.reloadKeepInput')}
          </button>
        </div>
      )}
      <FailedActionsBanner jobs={record.jobs} onShow={showJob} />
      <div className="record-columns">
        <RecordFields record={record} draft={draft} setDraft={setDraft} onSaved={replace} onReload={reload} onRevealed={() => void sync()} />
        <div className="record-side">
          <StatusSection
            record={record}
            onChanged={replace}
            onReload={reload}
            onShowItem={(link) => {
              // A guard's failing item: the status action's job, the letter, or the signing request.
              if (link.kind === 'job') showJob(link.id);
              else if (link.kind === 'message') reveal('post', `dp-message-${link.id}`);
              else reveal(null, `signing-request-${link.id}`);
            }}
          />
          <TimedActionsPanel record={record} />
          <SigningRequests recordId={record.id} />
          <FollowUpQuestionnaires record={record} />
        </div>
      </div>
      <section className="record-tabs panel">
        <Tabs
          label={t('record.tabs.label')}
          idPrefix="record"
          active={tab}
          onChange={setTab}
          tabs={[
            { key: 'history', label: `${t('record.tabs.history')} (${record.history.length})` },
            { key: 'jobs', label: `${t('record.tabs.jobs')} (${record.jobs.length})` },
            { key: 'audit', label: `${t('record.tabs.audit')} (${record.audit.length})` },
            { key: 'post', label: t('digitalPost.tab') },
          ]}
        />
        <TabPanel idPrefix="record" tabKey={tab}>
          {tab === 'history' && <HistoryTab history={record.history} />}
          {tab === 'jobs' && (
            <JobsTab
              jobs={record.jobs}
              onRetry={(jobId) =>
                void api.retryStatusAction({ jobId }).then((r) => {
                  if (r.ok) replace(r.value);
                })
              }
            />
          )}
          {tab === 'audit' && <AuditTab audit={record.audit} />}
          {tab === 'post' && <MessagesTab recordId={record.id} />}
        </TabPanel>
      </section>
    </article>
  );
}
