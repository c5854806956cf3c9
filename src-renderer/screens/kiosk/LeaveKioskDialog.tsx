import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionAccessView } from '../../../src-main/contract';
import { useAppSession } from '../../app/app-context';
import { Dialog } from '../../components/Dialog';
import { SignInBody } from '../sign-in/SignInBody';

/**
 * Leaving the kiosk is a caseworker's sign-in, by the workspace's policy: main
 * releases the session from the kiosk only on a successful sign-in, so initials
 * (which a citizen may read off a badge) are not enough.
 */
export function LeaveKioskDialog({ access, onLeave, onClose }: { access: SessionAccessView; onLeave: () => void; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const { info } = useAppSession();
  return (
    <Dialog title={t('access.kiosk.leaveTitle')} onClose={onClose} testId="leave-kiosk">
      <p>{t('access.kiosk.leaveIntro')}</p>
      <SignInBody info={info} access={access} onSignedIn={onLeave} />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
