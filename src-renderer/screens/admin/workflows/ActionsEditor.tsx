import { timingSummary } from './timing-summary';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionTypeView, AppError, StatusActionDef, StatusDef } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { DeleteButton } from '../../../components/DeleteButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useActionTypeLabel } from '../../../components/use-action-type-label';
import { useAdminAction } from '../use-admin-action';
import { ActionForm } from './ActionForm';
import { paramsSummary } from './params-summary';
import { useWorkspace } from '../../../app/workspace-context';

/** The status actions that run when a record enters this status. */
export function ActionsEditor({ status }: { status: StatusDef }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const action = useAdminAction();
  const typeLabel = useActionTypeLabel();
  const [types, setTypes] = useState<ActionTypeView[]>([]);
  const [typesError, setTypesError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<StatusActionDef | 'new' | null>(null);
  const actions = [...status.actions].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  useEffect(() => {
    void api.listActionTypes({}).then((r) => (r.ok ? setTypes(r.value) : setTypesError(r.error)));
  }, [api]);

  return (
    <section className="panel" aria-labelledby="actions-title" data-testid="actions-editor">
      <div className="section-head">
        <h3 id="actions-title">{t('admin.workflows.actionsFor', { status: status.name })}</h3>
        <button type="button" className="btn" onClick={() => setEditing('new')}>
          {t('admin.workflows.newAction')}
        </button>
      </div>
      <ErrorBanner error={typesError ?? action.error} />
      {editing && (
        <ActionForm
          key={editing === 'new' ? 'new' : editing.id}
          status={status}
          action={editing === 'new' ? null : editing}
          types={types}
          defaultOrder={(actions[actions.length - 1]?.sortOrder ?? 0) + 10}
          onDone={() => setEditing(null)}
        />
      )}
      {actions.length === 0 ? (
        <p className="muted">{t('admin.workflows.noActions')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.workflows.order')}</th>
              <th scope="col">{t('admin.workflows.actionName')}</th>
              <th scope="col">{t('admin.workflows.actionType')}</th>
              <th scope="col">{t('admin.workflows.params')}</th>
              <th scope="col">{t('admin.workflows.enabled')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id} data-testid="admin-action-row">
                <td className="num">{a.sortOrder}</td>
                <td>
                  {a.name}
                  {a.timing && a.timing.trigger !== 'enter' && (
                    <div className="muted small" data-testid="action-timing">
                      {timingSummary(t, a.timing, (id) => ws.fields.find((f) => f.id === id))}
                    </div>
                  )}
                </td>
                <td>{typeLabel(a.type)}</td>
                <td className="small" data-testid="action-params">{paramsSummary(t, a, ws)}</td>
                <td>{a.enabled ? t('admin.workflows.enabled') : t('admin.workflows.disabled')}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(a)}>
                    {t('common.edit')}
                  </button>
                  <DeleteButton onDelete={() => void action.run(() => api.deleteStatusAction({ id: a.id }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
