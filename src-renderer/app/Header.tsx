import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-main/contract';
import { NotificationBell } from '../components/notifications/NotificationBell';
import { useOpenRouteFromShell } from '../components/notifications/use-open-route';
import { useAppSession } from './app-context';
import { LanguageSelect, SandboxBadge } from './LanguageSelect';
import type { Route } from './route';
import { routeHref, useRoute } from './route';

interface Props {
  onSwitchUser: () => void;
  onLanguage: (language: Language) => void;
  /** Locks the screen now (the idle lock's manual twin). */
  onLock?: () => void;
}

export function Header({ onSwitchUser, onLanguage, onLock }: Props): ReactNode {
  const { t } = useTranslation();
  const { info, user } = useAppSession();
  const route = useRoute();
  useOpenRouteFromShell();

  const link = (target: Route, label: string, active: boolean): ReactNode => (
    <a href={routeHref(target)} className={active ? 'nav-link nav-link-active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="brand">
        <span className="brand-name">{t('app.title')}</span>
        {info.sandbox && <SandboxBadge />}
      </div>
      {/* Its own row under the brand and the tools, in groups a caseworker thinks in,
          so every link stays visible from 1280 px without the page scrolling sideways. */}
      <nav aria-label={t('nav.label')} className="main-nav">
        <div role="group" aria-label={t('nav.groups.records')} className="nav-group">
          {link({ name: 'records', scope: 'mine' }, t('nav.mine'), route.name === 'records' && route.scope === 'mine')}
          {link({ name: 'records', scope: 'all' }, t('nav.all'), route.name === 'records' && route.scope === 'all')}
          {link({ name: 'new' }, t('nav.newRecord'), route.name === 'new')}
          {link({ name: 'responsibilities' }, t('notifications.responsibilities.nav'), route.name === 'responsibilities')}
          {link({ name: 'import' }, t('nav.csvImport'), route.name === 'import')}
        </div>
        <div role="group" aria-label={t('nav.groups.letters')} className="nav-group">
          {link({ name: 'outbox' }, t('digitalPost.outbox.nav'), route.name === 'outbox')}
          {link({ name: 'mailings' }, t('mailings.title'), route.name === 'mailings')}
          {user.isAdmin && link({ name: 'documents' }, t('documents.title'), route.name === 'documents')}
        </div>
        <div role="group" aria-label={t('nav.groups.citizens')} className="nav-group">
          {link({ name: 'questionnaires' }, t('mitid.nav'), route.name === 'questionnaires')}
        </div>
        {user.isAdmin && (
          <div role="group" aria-label={t('nav.admin')} className="nav-group">
            {link({ name: 'admin', section: 'fields' }, t('nav.admin'), route.name === 'admin')}
          </div>
        )}
      </nav>
      <div className="header-tools">
        <NotificationBell />
        <LanguageSelect onLanguage={onLanguage} />
        <span className="current-user" data-testid="current-user">
          <span className="muted">{t('header.currentUser')} </span>
          <strong>{user.name}</strong>
        </span>
        <button type="button" className="btn btn-small" onClick={onSwitchUser}>
          {t('header.switchUser')}
        </button>
        {onLock && (
          <button type="button" className="btn btn-small" onClick={onLock} data-testid="lock-now">
            {t('access.lockNow')}
          </button>
        )}
      </div>
    </header>
  );
}
