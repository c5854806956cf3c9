import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../app/workspace-context';
import type { Filters } from './list-query';
import { WorkflowOptions } from '../../components/WorkflowOptions';

interface Props {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  onClear: () => void;
}

const idOrNull = (value: string): number | null => (value === '' ? null : Number(value));

export function ListFilters({ filters, onChange, onClear }: Props): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const workflow = filters.workflowId !== null ? ws.workflowById.get(filters.workflowId) : undefined;

  return (
    <div className="list-filters" role="search">
      <div className="filter filter-search">
        <label htmlFor="list-search">{t('list.searchLabel')}</label>
        <input
          id="list-search"
          type="search"
          placeholder={t('list.searchPlaceholder')}
          value={filters.search}
          autoComplete="off"
          onChange={(e) => onChange({ search: e.target.value })}
        />
      </div>
      <div className="filter">
        <label htmlFor="list-workflow">{t('list.workflow')}</label>
        <select
          id="list-workflow"
          value={filters.workflowId ?? ''}
          // A status belongs to one workflow, so changing the workflow clears it.
          onChange={(e) => onChange({ workflowId: idOrNull(e.target.value), statusId: null })}
        >
          <option value="">{t('common.all')}</option>
          <WorkflowOptions workflows={ws.view.workflows} />
        </select>
      </div>
      <div className="filter">
        <label htmlFor="list-status">{t('list.status')}</label>
        <select
          id="list-status"
          value={filters.statusId ?? ''}
          disabled={!workflow}
          title={workflow ? undefined : t('list.selectWorkflowFirst')}
          onChange={(e) => onChange({ statusId: idOrNull(e.target.value) })}
        >
          <option value="">{t('common.all')}</option>
          {[...(workflow?.statuses ?? [])]
            .sort((a, b) => a.sortOrder - b.sortOrder)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="list-user">{t('list.responsibleUser')}</label>
        <select id="list-user" value={filters.responsibleUserId ?? ''} onChange={(e) => onChange({ responsibleUserId: idOrNull(e.target.value) })}>
          <option value="">{t('common.all')}</option>
          {ws.view.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="list-group">{t('list.responsibleGroup')}</label>
        <select
          id="list-group"
          value={filters.responsibleGroupId ?? ''}
          onChange={(e) => onChange({ responsibleGroupId: idOrNull(e.target.value) })}
        >
          <option value="">{t('common.all')}</option>
          {ws.view.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn btn-small filter-clear" onClick={onClear}>
        {t('list.clearFilters')}
      </button>
    </div>
  );
}
