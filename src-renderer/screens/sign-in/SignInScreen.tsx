import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Language, SessionAccessView, UserView } from '../../../src-main/contract';
import { LanguageSelect, SandboxBadge } from '../../app/LanguageSelect';
import { UserPicker } from '../user-picker/UserPicker';
import { SignInBody } from './SignInBody';
import '../../styles/access.css';

interface Props {
  info: AppInfo;
  access: SessionAccessView;
  currentUserId: number | null;
  onSignedIn: (user: UserView) => void;
  onLanguage: (language: Language) => void;
  onCancel: (() => void) | undefined;
}

/** The start screen and the lock screen: it follows the workspace's sign-in policy. */
export function SignInScreen({ info, access, currentUserId, onSignedIn, onLanguage, onCancel }: Props): ReactNode {
  const { t } = useTranslation();
  if (access.policy.method === 'picker') {
    return <UserPicker info={info} currentUserId={currentUserId} onLanguage={onLanguage} onCancel={onCancel} onSelected={onSignedIn} locked={access.locked} />;
  }
  const title = access.locked ? t('access.lockedTitle') : access.policy.method === 'mitid' ? t('access.mitid.title') : t('access.os.title');
  return (
    <main className="centered-page" id="main">
      <div className="card user-picker" data-testid={access.locked ? 'lock-screen' : 'sign-in-screen'}>
        <div className="user-picker-top">
          <span className="brand-name">{t('app.title')}</span>
          {info.sandbox && <SandboxBadge />}
          <LanguageSelect onLanguage={onLanguage} />
        </div>
        <h1>{title}</h1>
        {access.locked && <p className="muted">{t('access.lockedIntro')}</p>}
        {access.policy.method === 'mitid' && !access.locked && <p className="muted">{t('access.mitid.intro')}</p>}
        <SignInBody info={info} access={access} onSignedIn={onSignedIn} allowLink={!access.locked} />
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </main>
  );
}
