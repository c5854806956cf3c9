import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardTypeView, WorkflowDef } from '../../../../src-main/contract';
import { TransitionGuards } from './TransitionGuards';
import { useApi } from '../../../api/api-context';
import { DeleteButton } from '../../../components/DeleteButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useStatusName } from '../../../components/use-names';
import { useAdminAction } from '../use-admin-action';

export function TransitionsEditor({ workflow }: { workflow: WorkflowDef }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAdminAction();
  const statusName = useStatusName();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [label, setLabel] = useState('');
  const [guardTypes, setGuardTypes] = useState<GuardTypeView[]>([]);

  useEffect(() => {
    let live = true;
    void api.listGuardTypes({}).then((r) => {
      if (live && r.ok) setGuardTypes(r.value);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const add = async (): Promise<void> => {
    if (from === null || to === null) return;
    const saved = await action.run(() => api.saveTransition({ workflowId: workflow.id, fromStatusId: from, toStatusId: to, label }));
    if (saved) setLabel('');
  };

  // The same choices for both ends of a transition.
  const statusOptions = (
    <>
      <option value="">{t('common.choose')}</option>
      {workflow.statuses.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
  return (
    <section className="panel" aria-labelledby="transitions-title">
      <h3 id="transitions-title">{t('admin.workflows.transitions')}</h3>
      <ErrorBanner error={action.error} />
      {workflow.transitions.length === 0 ? (
        <p className="muted">{t('admin.workflows.noTransitions')}</p>
      ) : (
        <ul className="plain-list transition-list">
          {workflow.transitions.map((tr) => (
            <li key={tr.id} data-testid="admin-transition">
              <span>
                {statusName(tr.fromStatusId)} → {statusName(tr.toStatusId)}
                {tr.label && <span className="muted"> ({tr.label})</span>}
              </span>
              <DeleteButton onDelete={() => void action.run(() => api.deleteTransition({ id: tr.id }))} />
              <TransitionGuards
                transition={tr}
                types={guardTypes}
                disabled={action.busy}
                onChange={(guards) =>
                  void action.run(() =>
                    api.saveTransition({ id: tr.id, workflowId: workflow.id, fromStatusId: tr.fromStatusId, toStatusId: tr.toStatusId, label: tr.label, guards }),
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor="tr-from">{t('admin.workflows.from')}</label>
        <select id="tr-from" value={from ?? ''} onChange={(e) => setFrom(e.target.value ? Number(e.target.value) : null)}>
          {statusOptions}
        </select>
        <label htmlFor="tr-to">{t('admin.workflows.to')}</label>
        <select id="tr-to" value={to ?? ''} onChange={(e) => setTo(e.target.value ? Number(e.target.value) : null)}>
          {statusOptions}
        </select>
        <label htmlFor="tr-label">{t('admin.workflows.transitionLabel')}</label>
        <input id="tr-label" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="btn" disabled={from === null || to === null || action.busy}>
          {t('admin.workflows.newTransition')}
        </button>
      </form>
    </section>
  );
}
