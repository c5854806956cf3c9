import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-main/contract';
import { useWorkspace } from '../../app/workspace-context';
import { formatDateTime } from '../../components/format';
import { useUserName } from '../../components/use-names';
import { auditActionLabel, auditDetailText } from './audit-text';

export function AuditTab({ audit }: { audit: AuditEntry[] }): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const userName = useUserName();
  if (audit.length === 0) return <p className="muted">{t('audit.empty')}</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.at')}</th>
          <th scope="col">{t('audit.user')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.details')}</th>
        </tr>
      </thead>
      <tbody>
        {audit.map((a) => (
          <tr key={a.id} data-testid="audit-row" data-audit-action={a.action}>
            <td className="nowrap">{formatDateTime(a.at)}</td>
            <td>{userName(a.userId)}</td>
            <td>{auditActionLabel(t, a.action)}</td>
            <td className="audit-details">{auditDetailText(t, ws, a)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
