import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSession } from '../../app/app-context';
import { Dialog } from '../../components/Dialog';

/** Leaving the kiosk is the caseworker's decision: they confirm with their initials. */
export function LeaveKioskDialog({ onLeave, onClose }: { onLeave: () => void; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const { user } = useAppSession();
  const [initials, setInitials] = useState('');
  const [wrong, setWrong] = useState(false);
  return (
    <Dialog title={t('mitid.kiosk.leaveTitle')} onClose={onClose} testId="leave-kiosk">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (initials.trim().toLowerCase() === user.initials.toLowerCase()) onLeave();
          else setWrong(true);
        }}
      >
        <p>{t('mitid.kiosk.leaveIntro')}</p>
        <label>
          {t('mitid.kiosk.initials')} <input value={initials} autoComplete="off" onChange={(e) => setInitials(e.target.value)} />
        </label>
        {wrong && (
          <p className="field-error" role="alert">
            {t('mitid.kiosk.wrongInitials')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('mitid.kiosk.leaveConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
