import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, GuardFailureView, RecordDetail, StatusChangePreview, StatusDef } from '../../../src-main/contract';
import { useAppSession } from '../../app/app-context';
import { GuardFailures } from './GuardFailures';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';

interface Props {
  record: RecordDetail;
  to: StatusDef;
  onChanged: (record: RecordDetail) => void;
  onClose: () => void;
  onReload: () => Promise<void>;
  /** Shows a guard's failing item on the record. */
  onShowItem?: (link: NonNullable<GuardFailureView['link']>) => void;
}

/**
 * Confirms a status change after showing what it sets in motion: the status
 * actions main will queue in the same transaction as the change.
 */
export function StatusDialog({ record, to, onChanged, onClose, onReload, onShowItem }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [preview, setPreview] = useState<StatusChangePreview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const { user } = useAppSession();
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const guardFailures = preview?.guardFailures ?? [];
  const guarded = guardFailures.length > 0;

  useEffect(() => {
    let live = true;
    void api.previewStatusChange({ id: record.id, toStatusId: to.id }).then((r) => {
      if (!live) return;
      if (r.ok) setPreview(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, record.id, to.id]);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const result =
      guarded && overriding
        ? await api.changeStatusOverridingGuards({ id: record.id, version: record.version, toStatusId: to.id, comment, reason })
        : await api.changeStatus({ id: record.id, version: record.version, toStatusId: to.id, comment });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onChanged(result.value);
  };

  return (
    <Dialog title={t('status.dialogTitle', { status: to.name })} onClose={onClose} testId="status-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        {error?.code === 'conflict' ? (
          <ErrorBanner error={error} text={t('record.conflict')}>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                void onReload();
                onClose();
              }}
            >
              {t('record.reloadKeepInput')}
            </button>
          </ErrorBanner>
        ) : (
          <ErrorBanner error={error} />
        )}
        {preview === null && !error && <p className="muted">{t('common.loading')}</p>}
        {preview && !preview.allowed && <p className="banner banner-error">{t('status.notAllowed')}</p>}
        <GuardFailures
          failures={guardFailures}
          onShowItem={(link) => {
            onClose();
            onShowItem?.(link);
          }}
        />
        {guarded && user.isAdmin && (
          <div className="guard-override" data-testid="guard-override">
            <label>
              <input type="checkbox" checked={overriding} onChange={(e) => setOverriding(e.target.checked)} /> {t('timedActions.guards.override')}
            </label>
            {overriding && (
              <>
                <label htmlFor="override-reason">{t('timedActions.guards.overrideReason')}</label>
                <textarea id="override-reason" rows={2} required value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
              </>
            )}
          </div>
        )}
        {preview && (
          <div className="preview-actions">
            {preview.actions.length === 0 ? (
              <p className="muted">{t('status.noActions')}</p>
            ) : (
              <>
                <p>{t('status.actionsWillRun')}</p>
                <ul data-testid="status-preview-actions">
                  {preview.actions.map((a) => (
                    <li key={a.actionId}>
                      <strong>{a.name}</strong>: {a.description}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <label htmlFor="status-comment">{t('status.comment')}</label>
        <textarea id="status-comment" rows={3} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !preview?.allowed || (guarded && !(overriding && reason.trim().length >= 3))}
          >
            {guarded && overriding ? t('timedActions.guards.overrideConfirm') : t('status.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
