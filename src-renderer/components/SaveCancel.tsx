import { useTranslation } from 'react-i18next';

/** The Save / Cancel row that ends every administration form. */
export function SaveCancel({ disabled, onCancel }: { disabled: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={disabled}>
        {t('common.save')}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
