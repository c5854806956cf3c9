import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../../app/workspace-context';
import { ActionsEditor } from './ActionsEditor';
import { StatusesEditor } from './StatusesEditor';
import { TransitionsEditor } from './TransitionsEditor';
import { WorkflowForm } from './WorkflowForm';

/** Master–detail: workflows on the left, the chosen one's statuses, transitions and actions on the right. */
export function WorkflowsAdmin(): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [selected, setSelected] = useState<number | 'new' | null>(ws.view.workflows[0]?.id ?? null);
  const [actionStatusId, setActionStatusId] = useState<number | null>(null);
  const workflow = typeof selected === 'number' ? ws.workflowById.get(selected) : undefined;
  const actionStatus = actionStatusId !== null ? workflow?.statuses.find((s) => s.id === actionStatusId) : undefined;

  return (
    <div className="admin-section workflows-admin">
      <aside className="master-list">
        <h2>{t('admin.workflows.list')}</h2>
        <ul className="plain-list">
          {ws.view.workflows.map((w) => (
            <li key={w.id}>
              <button
                type="button"
                className={w.id === selected ? 'list-choice list-choice-active' : 'list-choice'}
                aria-current={w.id === selected || undefined}
                onClick={() => {
                  setSelected(w.id);
                  setActionStatusId(null);
                }}
              >
                {w.name}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn" onClick={() => setSelected('new')}>
          {t('admin.workflows.new')}
        </button>
      </aside>
      <div className="detail">
        {selected === 'new' && <WorkflowForm key="new" workflow={null} onSaved={(w) => setSelected(w.id)} />}
        {workflow && (
          <>
            <WorkflowForm key={workflow.id} workflow={workflow} onSaved={() => undefined} onDeleted={() => setSelected(null)} />
            <StatusesEditor workflow={workflow} selectedStatusId={actionStatusId} onSelectStatus={setActionStatusId} />
            <TransitionsEditor workflow={workflow} />
            {actionStatus ? (
              <ActionsEditor key={actionStatus.id} status={actionStatus} />
            ) : (
              <p className="muted">{t('admin.workflows.chooseStatus')}</p>
            )}
          </>
        )}
        {selected === null && <p className="muted">{t('admin.workflows.selectWorkflow')}</p>}
      </div>
    </div>
  );
}
