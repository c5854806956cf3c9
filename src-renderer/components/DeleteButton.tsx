import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Two clicks to delete: a native confirm() would block the window (and Electron's
 * renderer) and looks foreign; this keeps the decision in the row itself.
 */
export function DeleteButton({ onDelete, label }: { onDelete: () => void; label?: string }): ReactNode {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  if (!armed) {
    return (
      <button type="button" className="btn btn-small btn-danger-quiet" aria-label={label} onClick={() => setArmed(true)}>
        {t('common.delete')}
      </button>
    );
  }
  return (
    <span className="delete-confirm">
      <button
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => {
          setArmed(false);
          onDelete();
        }}
      >
        {t('common.confirmDelete')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setArmed(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
