import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, DocumentTemplateView, TemplateBlock, TemplateDefinition } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { fieldErrorText, fieldPathText } from '../../i18n/translate-error';
import { columnsToText, linesToText, newBlock, rowsToText, textToColumns, textToLines, textToRows } from './template-form';

interface Props {
  initial: { id: number | null; name: string; definition: TemplateDefinition; hasUploadedLogo: boolean };
  onSaved: (view: DocumentTemplateView) => void;
  onDeleted: () => void;
}

const BUILT_IN = ['caseworker', 'today', 'record_number', 'status'] as const;

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function TemplateEditor({ initial, onSaved, onDeleted }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [name, setName] = useState(initial.name);
  const [def, setDef] = useState<TemplateDefinition>(initial.definition);
  const [logoUpload, setLogoUpload] = useState<{ mimeType: 'image/png' | 'image/jpeg'; base64: string } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const setBlock = (i: number, block: TemplateBlock) => setDef((d) => ({ ...d, blocks: d.blocks.map((b, j) => (j === i ? block : b)) }));
  const removeBlock = (i: number) => setDef((d) => ({ ...d, blocks: d.blocks.filter((_, j) => j !== i) }));
  const moveUp = (i: number) =>
    setDef((d) => {
      if (i === 0) return d;
      const blocks = [...d.blocks];
      [blocks[i - 1], blocks[i]] = [blocks[i] as TemplateBlock, blocks[i - 1] as TemplateBlock];
      return { ...d, blocks };
    });
  const letterhead = (patch: Partial<TemplateDefinition['letterhead']>) => setDef((d) => ({ ...d, letterhead: { ...d.letterhead, ...patch } }));

  const save = async () => {
    setBusy(true);
    const r = await api.saveDocumentTemplate({
      ...(initial.id !== null ? { id: initial.id } : {}),
      name,
      definition: def,
      ...(logoUpload ? { logoUpload } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setError(null);
      onSaved(r.value);
    } else setError(r.error);
  };

  const remove = async () => {
    if (initial.id === null) return;
    const r = await api.deleteDocumentTemplate({ id: initial.id });
    if (r.ok) onDeleted();
    else setError(r.error);
  };

  return (
    <form
      className="admin-form"
      aria-label={t('documents.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <label htmlFor="tpl-name">{t('documents.name')}</label>
        <input id="tpl-name" value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} />
        <label htmlFor="tpl-title">{t('documents.docTitle')}</label>
        <input id="tpl-title" value={def.title} maxLength={200} required onChange={(e) => setDef({ ...def, title: e.target.value })} />
        <label htmlFor="tpl-logo">{t('documents.logo')}</label>
        <div>
          <select id="tpl-logo" value={def.letterhead.logo} onChange={(e) => letterhead({ logo: e.target.value as TemplateDefinition['letterhead']['logo'] })}>
            <option value="default">{t('documents.logoDefault')}</option>
            <option value="uploaded">{t('documents.logoUploaded')}</option>
            <option value="none">{t('documents.logoNone')}</option>
          </select>
          {def.letterhead.logo === 'uploaded' && (
            <div>
              {initial.hasUploadedLogo && <p className="muted small">{t('documents.logoStored')}</p>}
              <label>
                {t('documents.logoUpload')}{' '}
                <input
                  type="file"
                  accept="image/png,image/jpeg"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (!file) return;
                    void fileToBase64(file).then((base64) => setLogoUpload({ mimeType: file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png', base64 }));
                  }}
                />
              </label>
            </div>
          )}
        </div>
        <label htmlFor="tpl-sender">{t('documents.senderLines')}</label>
        <textarea id="tpl-sender" rows={4} value={linesToText(def.letterhead.senderLines)} onChange={(e) => letterhead({ senderLines: textToLines(e.target.value) })} />
        <label htmlFor="tpl-recipient">{t('documents.recipientLines')}</label>
        <textarea id="tpl-recipient" rows={3} value={linesToText(def.letterhead.recipientLines)} onChange={(e) => letterhead({ recipientLines: textToLines(e.target.value) })} />
        <span />
        <label className="checkbox-row">
          <input type="checkbox" checked={def.letterhead.showDate} onChange={(e) => letterhead({ showDate: e.target.checked })} /> {t('documents.showDate')}
        </label>
        <span />
        <label className="checkbox-row">
          <input type="checkbox" checked={def.letterhead.forRecordLetters === true} onChange={(e) => letterhead({ forRecordLetters: e.target.checked })} />{' '}
          {t('documents.forRecordLetters')}
        </label>
      </div>

      <h3>{t('documents.blocks')}</h3>
      {def.blocks.map((block, i) => (
        <fieldset key={i} className="block-editor" data-testid="template-block">
          <legend>
            {t(`documents.${block.type}`)}{' '}
            <button type="button" className="btn btn-link btn-small" onClick={() => moveUp(i)} disabled={i === 0}>
              {t('documents.moveUp')}
            </button>
            <button type="button" className="btn btn-link btn-small" onClick={() => removeBlock(i)}>
              {t('documents.remove')}
            </button>
          </legend>
          {block.type === 'heading' && (
            <div className="inline-form">
              <label>
                {t('documents.level')}{' '}
                <select value={block.level} onChange={(e) => setBlock(i, { ...block, level: e.target.value === '2' ? 2 : 1 })}>
                  <option value="1">1</option>
                  <option value="2">2</option>
                </select>
              </label>
              <input aria-label={t('documents.text')} value={block.text} maxLength={300} onChange={(e) => setBlock(i, { ...block, text: e.target.value })} />
            </div>
          )}
          {block.type === 'paragraph' && (
            <textarea aria-label={t('documents.text')} rows={4} value={block.text} maxLength={10_000} onChange={(e) => setBlock(i, { ...block, text: e.target.value })} />
          )}
          {block.type === 'table' && (
            <>
              <label>
                {t('documents.columns')}
                <textarea rows={3} value={columnsToText(block.columns)} onChange={(e) => setBlock(i, { ...block, columns: textToColumns(e.target.value) })} />
              </label>
              <label>
                {t('documents.rows')}
                <textarea rows={4} value={rowsToText(block.rows)} onChange={(e) => setBlock(i, { ...block, rows: textToRows(e.target.value) })} />
              </label>
            </>
          )}
        </fieldset>
      ))}
      <div className="row-actions">
        {(['heading', 'paragraph', 'table'] as const).map((type) => (
          <button key={type} type="button" className="btn btn-small" onClick={() => setDef((d) => ({ ...d, blocks: [...d.blocks, newBlock(type)] }))}>
            {t(`documents.add${type === 'heading' ? 'Heading' : type === 'paragraph' ? 'Paragraph' : 'Table'}`)}
          </button>
        ))}
      </div>

      <details className="placeholder-list">
        <summary>{t('documents.placeholders')}</summary>
        <p className="hint">{t('documents.placeholdersHint', { ex1: '{{navn}}', ex2: '{{cpr|fuld}}' })}</p>
        <ul className="plain-list">
          {ws.view.fields.map((f) => (
            <li key={f.key}>
              <code>{`{{${f.key}}}`}</code>
              {f.label}
            </li>
          ))}
          {BUILT_IN.map((k) => (
            <li key={k}>
              <code>{`{{${k}}}`}</code>
              {t(`documents.builtIn.${k}`)}
            </li>
          ))}
        </ul>
      </details>

      <ErrorBanner error={error}>
        {error?.fieldErrors && (
          <ul data-testid="template-errors">
            {error.fieldErrors.map((fe, i) => (
              <li key={i}>{t('documents.errorAt', { where: fieldPathText(t, fe.field), text: fieldErrorText(t, fe) })}</li>
            ))}
          </ul>
        )}
      </ErrorBanner>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('documents.save')}
        </button>
        {initial.id !== null && (
          <button type="button" className="btn btn-danger-quiet" onClick={() => void remove()}>
            {t('documents.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
