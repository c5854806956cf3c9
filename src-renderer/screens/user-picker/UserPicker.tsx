import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Language, UserView } from '../../../src-main/contract';
import { LanguageSelect, SandboxBadge } from '../../app/LanguageSelect';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useSandboxPicker } from '../sign-in/use-sandbox-picker';
import { MitidSignIn } from './MitidSignIn';
import '../../styles/access.css';

interface Props {
  info: AppInfo;
  currentUserId: number | null;
  onSelected: (user: UserView) => void;
  onLanguage: (language: Language) => void;
  /** Present when a user is already selected, so the caseworker can go back. */
  onCancel: (() => void) | undefined;
  /** The session was locked: the same picker signs in again (sandbox only). */
  locked?: boolean;
}

/** The sandbox picker: the caseworker says who they are, clearly labelled as the sandbox's stand-in for a sign-in. */
export function UserPicker({ info, currentUserId, onSelected, onLanguage, onCancel, locked = false }: Props): ReactNode {
  const { t } = useTranslation();
  const { users, error, select } = useSandboxPicker(onSelected);

  return (
    <main className="centered-page" id="main">
      <div className="card user-picker" data-testid={locked ? 'lock-screen' : 'sign-in-screen'}>
        <div className="user-picker-top">
          <span className="brand-name">{t('app.title')}</span>
          {info.sandbox && <SandboxBadge />}
          <LanguageSelect onLanguage={onLanguage} />
        </div>
        <h1>{locked ? t('access.lockedTitle') : t('session.title')}</h1>
        {locked && <p className="muted">{t('access.lockedIntro')}</p>}
        <p className="sandbox-notice" data-testid="picker-sandbox-notice">
          {t('access.pickerNotice')}
        </p>
        <ErrorBanner error={error} />
        {users === null && !error && <p className="muted">{t('common.loading')}</p>}
        {users?.length === 0 && <p>{t('session.noUsers')}</p>}
        <ul className="user-list">
          {users?.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                className={user.id === currentUserId ? 'user-choice user-choice-current' : 'user-choice'}
                onClick={() => void select(user)}
              >
                <span className="initials" aria-hidden="true">
                  {user.initials}
                </span>
                <span className="user-choice-name">{user.name}</span>
                {user.isAdmin && <span className="tag">{t('session.admin')}</span>}
              </button>
            </li>
          ))}
        </ul>
        {users && users.length > 0 && <MitidSignIn info={info} users={users} currentUserId={currentUserId} onSelected={onSelected} allowLink={!locked} />}
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </main>
  );
}
