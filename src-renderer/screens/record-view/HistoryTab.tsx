import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusHistoryEntry } from '../../../src-main/contract';
import { formatDateTime } from '../../components/format';
import { useStatusName, useUserName } from '../../components/use-names';

export function HistoryTab({ history }: { history: StatusHistoryEntry[] }): ReactNode {
  const { t } = useTranslation();
  const userName = useUserName();
  const statusName = useStatusName();
  if (history.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('history.at')}</th>
          <th scope="col">{t('history.from')}</th>
          <th scope="col">{t('history.to')}</th>
          <th scope="col">{t('history.user')}</th>
          <th scope="col">{t('history.comment')}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => (
          <tr key={h.id} data-testid="history-row">
            <td className="nowrap">{formatDateTime(h.at)}</td>
            <td>{h.fromStatusId === null ? <span className="muted">{t('history.start')}</span> : statusName(h.fromStatusId)}</td>
            <td>{statusName(h.toStatusId)}</td>
            <td>{userName(h.userId)}</td>
            <td className="prewrap">{h.comment}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
