import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowDef } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { DeleteButton } from '../../../components/DeleteButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAdminAction } from '../use-admin-action';

interface Props {
  workflow: WorkflowDef | null;
  onSaved: (workflow: WorkflowDef) => void;
  onDeleted?: () => void;
}

export function WorkflowForm({ workflow, onSaved, onDeleted }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAdminAction();
  const [name, setName] = useState(workflow?.name ?? '');
  const [description, setDescription] = useState(workflow?.description ?? '');
  const [initialStatusId, setInitialStatusId] = useState<number | null>(workflow?.initialStatusId ?? null);

  const save = async (): Promise<void> => {
    const input = { name, description, initialStatusId };
    const saved = await action.run(() => api.saveWorkflow(workflow ? { ...input, id: workflow.id } : input));
    if (saved) onSaved(saved);
  };

  return (
    <form
      className="panel admin-form"
      aria-labelledby="wf-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="wf-form-title">{workflow ? workflow.name : t('admin.workflows.new')}</h3>
      <ErrorBanner error={action.error} />
      <div className="form-grid">
        <label htmlFor="wf-name">{t('admin.workflows.name')}</label>
        <input id="wf-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="wf-description">{t('admin.workflows.description')}</label>
        <textarea id="wf-description" rows={2} value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
        {workflow && (
          <>
            <label htmlFor="wf-initial">{t('admin.workflows.initialStatus')}</label>
            <select id="wf-initial" value={initialStatusId ?? ''} onChange={(e) => setInitialStatusId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('common.none')}</option>
              {workflow.statuses.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {t('common.save')}
        </button>
        {/* Main refuses to delete a workflow that still has records; the error then shows above. */}
        {workflow && (
          <DeleteButton
            onDelete={() =>
              void action.run(() => api.deleteWorkflow({ id: workflow.id })).then((done) => {
                if (done !== null) onDeleted?.();
              })
            }
          />
        )}
      </div>
    </form>
  );
}
