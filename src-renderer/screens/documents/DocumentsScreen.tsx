import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, DocumentTemplateView, TemplateDefinition } from '../../../src-main/contract';
// The file itself, not the contract index: that would pull zod into the renderer bundle
// (and zod's eval probe trips the CSP).
import { EXAMPLE_LETTER } from '../../../src-main/contract/document-example';
import { useApi } from '../../api/api-context';
import { useAppSession } from '../../app/app-context';
import { Notice } from '../../components/ErrorBanner';
import { EMPTY_TEMPLATE } from './template-form';
import { TemplateEditor } from './TemplateEditor';
import { TemplatePreview } from './TemplatePreview';

type Editing = { id: number | null; name: string; definition: TemplateDefinition; hasUploadedLogo: boolean };

/** Administration of document templates, with a preview against any record. */
export function DocumentsScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useAppSession();
  const [templates, setTemplates] = useState<DocumentTemplateView[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const reload = useCallback(async () => {
    const r = await api.listDocumentTemplates({});
    if (r.ok) setTemplates(r.value);
    else setLoadError(r.error);
  }, [api]);
  useEffect(() => void reload(), [reload]);

  if (!user.isAdmin) return <p role="alert">{t('admin.notAdmin')}</p>;
  const open = (tpl: DocumentTemplateView) => {
    setSaved(false);
    setEditing({ id: tpl.id, name: tpl.name, definition: tpl.definition, hasUploadedLogo: tpl.hasUploadedLogo });
  };
  return (
    <section className="documents-screen admin-section" aria-labelledby="documents-title">
      <h1 id="documents-title">{t('documents.title')}</h1>
      <p className="hint">{t('documents.intro')}</p>
      {loadError && <p role="alert">{t(`errors.code.${loadError.code}`)}</p>}
      <div className="users-admin">
        <nav aria-label={t('documents.list')} className="master-list">
          <h2>{t('documents.list')}</h2>
          {templates.length === 0 && <p className="muted">{t('documents.none')}</p>}
          <ul className="plain-list">
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <button type="button" className={editing?.id === tpl.id ? 'list-choice list-choice-active' : 'list-choice'} onClick={() => open(tpl)}>
                  {tpl.name}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small" onClick={() => setEditing({ id: null, name: '', definition: EXAMPLE_LETTER, hasUploadedLogo: false })}>
            {t('documents.fromExample')}
          </button>{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setEditing({ id: null, name: '', definition: EMPTY_TEMPLATE, hasUploadedLogo: false })}
          >
            {t('documents.new')}
          </button>
        </nav>
        <div>
          {saved && <Notice>{t('documents.saved')}</Notice>}
          {editing && (
            <TemplateEditor
              key={editing.id ?? 'new'}
              initial={editing}
              onSaved={(view) => {
                setSaved(true);
                setEditing({ id: view.id, name: view.name, definition: view.definition, hasUploadedLogo: view.hasUploadedLogo });
                void reload();
              }}
              onDeleted={() => {
                setEditing(null);
                void reload();
              }}
            />
          )}
          {editing && (editing.id === null ? <p className="muted">{t('documents.previewSaveFirst')}</p> : <TemplatePreview templateId={editing.id} />)}
        </div>
      </div>
    </section>
  );
}
