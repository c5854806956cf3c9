import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusDef, WorkflowDef } from '../../../../src-main/contract';
import { useApi } from '../../../api/api-context';
import { DeleteButton } from '../../../components/DeleteButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAdminAction } from '../use-admin-action';

interface Props {
  workflow: WorkflowDef;
  selectedStatusId: number | null;
  onSelectStatus: (id: number) => void;
}

export function StatusesEditor({ workflow, selectedStatusId, onSelectStatus }: Props): ReactNode {
  const { t } = useTranslation();
  const statuses = [...workflow.statuses].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const nextOrder = (statuses[statuses.length - 1]?.sortOrder ?? 0) + 10;
  return (
    <section className="panel" aria-labelledby="statuses-title">
      <h3 id="statuses-title">{t('admin.workflows.statuses')}</h3>
      <table className="data-table edit-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.workflows.statusName')}</th>
            <th scope="col">{t('admin.workflows.color')}</th>
            <th scope="col">{t('admin.workflows.isFinal')}</th>
            <th scope="col">{t('admin.workflows.order')}</th>
            <th scope="col">{t('admin.workflows.actions')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => (
            <StatusRow
              key={`${s.id}-${s.name}-${s.color}-${s.isFinal}-${s.sortOrder}`}
              workflowId={workflow.id}
              status={s}
              selected={s.id === selectedStatusId}
              onSelect={() => onSelectStatus(s.id)}
            />
          ))}
          <StatusRow key={`new-${statuses.length}`} workflowId={workflow.id} status={null} defaultOrder={nextOrder} />
        </tbody>
      </table>
    </section>
  );
}

interface RowProps {
  workflowId: number;
  status: StatusDef | null;
  defaultOrder?: number;
  selected?: boolean;
  onSelect?: () => void;
}

/** One editable status; the last row (status null) adds a new one. */
function StatusRow({ workflowId, status, defaultOrder = 0, selected, onSelect }: RowProps): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAdminAction();
  const [name, setName] = useState(status?.name ?? '');
  const [color, setColor] = useState(status?.color ?? '#4a6fa5');
  const [isFinal, setIsFinal] = useState(status?.isFinal ?? false);
  const [sortOrder, setSortOrder] = useState(String(status?.sortOrder ?? defaultOrder));
  const prefix = `status-${status?.id ?? 'new'}`;

  const save = (): void => {
    const input = { workflowId, name, color, isFinal, sortOrder: Math.max(0, Math.trunc(Number(sortOrder) || 0)) };
    void action.run(() => api.saveStatus(status ? { ...input, id: status.id } : input));
  };

  return (
    <>
      <tr className={selected ? 'row-selected' : undefined} data-testid="admin-status-row">
        <td>
          <input
            id={`${prefix}-name`}
            aria-label={status ? t('admin.workflows.statusName') : t('admin.workflows.newStatus')}
            placeholder={status ? undefined : t('admin.workflows.newStatus')}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
        </td>
        <td>
          <input type="color" aria-label={t('admin.workflows.color')} value={color} onChange={(e) => setColor(e.target.value)} />
        </td>
        <td>
          <input type="checkbox" aria-label={t('admin.workflows.isFinal')} checked={isFinal} onChange={(e) => setIsFinal(e.target.checked)} />
        </td>
        <td>
          <input
            type="number"
            className="input-narrow"
            aria-label={t('admin.workflows.order')}
            min={0}
            value={sortOrder}
            onChange={(e) => setSortOrder(e.target.value)}
          />
        </td>
        <td>
          {status && (
            <button type="button" className="btn btn-small" aria-pressed={selected} onClick={onSelect}>
              {t('admin.workflows.editActions')} ({status.actions.length})
            </button>
          )}
        </td>
        <td className="row-actions">
          <button type="button" className="btn btn-small btn-primary" disabled={action.busy || !name.trim()} onClick={save}>
            {status ? t('common.save') : t('common.add')}
          </button>
          {status && <DeleteButton onDelete={() => void action.run(() => api.deleteStatus({ id: status.id }))} />}
        </td>
      </tr>
      {action.error && (
        <tr>
          <td colSpan={6}>
            <ErrorBanner error={action.error} />
          </td>
        </tr>
      )}
    </>
  );
}
