import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceImportChange, WorkspaceImportPreview } from '../../../../src-main/contract';
import { Dialog } from '../../../components/Dialog';

const KIND_ORDER: WorkspaceImportChange['kind'][] = ['workflow', 'field', 'template', 'questionnaire', 'settings', 'user', 'group'];

interface Props {
  fileName: string;
  preview: WorkspaceImportPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What the import will change, item by item, before the administrator says yes. */
export function ImportPreviewDialog({ fileName, preview, busy, onConfirm, onCancel }: Props): ReactNode {
  const { t } = useTranslation();
  const name = (c: WorkspaceImportChange) =>
    c.kind === 'settings' ? t(`workspaceTools.preview.settingsName.${c.name}` as 'workspaceTools.preview.settingsName.mitid', { defaultValue: c.name }) : c.name;
  const groups = KIND_ORDER.map((kind) => ({ kind, changes: preview.changes.filter((c) => c.kind === kind) })).filter((g) => g.changes.length > 0);
  return (
    <Dialog title={t('workspaceTools.preview.title')} onClose={onCancel} testId="import-preview">
      {groups.length === 0 ? (
        <p>{t('workspaceTools.preview.nothing')}</p>
      ) : (
        <>
          <p>{t('workspaceTools.preview.intro', { fileName })}</p>
          <ul className="import-changes" data-testid="import-changes">
            {groups.map((g) => (
              <li key={g.kind}>
                <strong>{t(`workspaceTools.preview.kind.${g.kind}`)}</strong>
                <ul>
                  {g.changes.map((c) => (
                    <li key={`${c.kind}:${c.name}`} data-change={c.change}>
                      {name(c)} <span className="muted">({t(`workspaceTools.preview.change.${c.change}`)})</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.unchanged > 0 && <p className="muted">{t('workspaceTools.preview.unchanged', { count: preview.unchanged })}</p>}
      <p className="muted">{t('workspaceTools.preview.keeps')}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('workspaceTools.preview.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={busy || groups.length === 0} onClick={onConfirm}>
          {t('workspaceTools.preview.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
