import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardFailureView, RecordDetail, StatusDef } from '../../../src-main/contract';
import { useWorkspace } from '../../app/workspace-context';
import { Notice } from '../../components/ErrorBanner';
import { StatusBadge } from '../../components/StatusBadge';
import { StatusDialog } from './StatusDialog';

interface Props {
  record: RecordDetail;
  onChanged: (record: RecordDetail) => void;
  onReload: () => Promise<void>;
  onShowItem?: (link: NonNullable<GuardFailureView['link']>) => void;
}

export function StatusSection({ record, onChanged, onReload, onShowItem }: Props): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [target, setTarget] = useState<StatusDef | null>(null);
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const current = ws.statusById.get(record.statusId);
  const transitions = ws.workflowById.get(record.workflowId)?.transitions ?? [];

  const buttonLabel = (to: StatusDef): string =>
    transitions.find((tr) => tr.fromStatusId === record.statusId && tr.toStatusId === to.id)?.label || to.name;

  return (
    <section className="status-section panel" aria-labelledby="status-title">
      <h2 id="status-title">{t('status.heading')}</h2>
      <div className="status-current">
        <span className="muted">{t('status.current')}: </span>
        <span data-testid="current-status">
          <StatusBadge status={current} />
        </span>
        {current?.isFinal && <span className="tag">{t('status.final')}</span>}
      </div>
      {changedTo && <Notice>{t('status.changed', { status: changedTo })}</Notice>}
      {record.nextStatusIds.length === 0 ? (
        <p className="muted">{t('status.noNext')}</p>
      ) : (
        <div className="status-moves" role="group" aria-label={t('status.moveTo')}>
          <span className="muted">{t('status.moveTo')}:</span>
          {record.nextStatusIds.map((sid) => {
            const to = ws.statusById.get(sid);
            if (!to) return null;
            return (
              <button key={sid} type="button" className="btn status-move" onClick={() => setTarget(to)}>
                {buttonLabel(to)}
              </button>
            );
          })}
        </div>
      )}
      {target && (
        <StatusDialog
          record={record}
          to={target}
          onClose={() => setTarget(null)}
          onReload={onReload}
          {...(onShowItem ? { onShowItem } : {})}
          onChanged={(next) => {
            setChangedTo(target.name);
            setTarget(null);
            onChanged(next);
          }}
        />
      )}
    </section>
  );
}
