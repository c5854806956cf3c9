import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSession } from '../../app/app-context';
import type { AdminSection } from '../../app/route';
import { routeHref } from '../../app/route';
import { IntegrationsAdmin } from './IntegrationsAdmin';
import { FieldsAdmin } from './fields/FieldsAdmin';
import { UsersAdmin } from './users/UsersAdmin';
import { AccessAdmin } from './access/AccessAdmin';
import { WorkflowsAdmin } from './workflows/WorkflowsAdmin';
import { WorkspaceIo } from './workspace-io/WorkspaceIo';

const SECTIONS: AdminSection[] = ['fields', 'workflows', 'users', 'workspace', 'integrations'];

export function AdminScreen({ section }: { section: AdminSection }): ReactNode {
  const { t } = useTranslation();
  const { user } = useAppSession();
  // Main refuses admin calls from non-admins anyway; this only avoids showing useless forms.
  if (!user.isAdmin) return <p role="alert">{t('admin.notAdmin')}</p>;
  return (
    <section className="admin-screen" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <nav className="sub-nav" aria-label={t('admin.sections')}>
        {SECTIONS.map((s) => (
          <a
            key={s}
            href={routeHref({ name: 'admin', section: s })}
            className={s === section ? 'sub-nav-link sub-nav-link-active' : 'sub-nav-link'}
            aria-current={s === section ? 'page' : undefined}
          >
            {t(`admin.tabs.${s}`)}
          </a>
        ))}
      </nav>
      {section === 'fields' && <FieldsAdmin />}
      {section === 'workflows' && <WorkflowsAdmin />}
      {section === 'users' && <UsersAdmin />}
      {section === 'users' && <AccessAdmin />}
      {section === 'workspace' && <WorkspaceIo />}
      {section === 'integrations' && <IntegrationsAdmin />}
    </section>
  );
}
