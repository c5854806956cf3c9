import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, RecordDetail } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { FieldRow } from '../../components/fields/FieldRow';
import { UnplacedFieldErrors } from '../../components/fields/UnplacedFieldErrors';
import { useFocusFirstInvalid } from '../../components/focus-first-invalid';
import { fieldErrorsByKey } from '../../i18n/translate-error';
import { shownFieldValue } from '../../components/format';
import type { Draft } from './use-record';

interface Props {
  record: RecordDetail;
  draft: Draft;
  setDraft: (update: (draft: Draft) => Draft) => void;
  onSaved: (record: RecordDetail) => void;
  onReload: () => Promise<void>;
  /** Audit changes after a CPR reveal; the parent refreshes quietly. */
  onRevealed: () => void;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean => (a ?? '') === (b ?? '');

/** The record's fields as a form that sends only what the caseworker changed. */
export function RecordFields({ record, draft, setDraft, onSaved, onReload, onRevealed }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [error, setError] = useState<AppError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, error);
  const [saving, setSaving] = useState(false);
  const [savedNotice, setSavedNotice] = useState(false);
  /** Full CPR numbers shown after an audited reveal, by field key; never sent back unless edited. */
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const fieldErrors = fieldErrorsByKey(t, error);
  const dirty = Object.keys(draft).length > 0;

  /** A stored value as the form shows it: numbers in Danish format (7.500,50), which main reads back the same. */
  const storedShown = (key: string): string | null => shownFieldValue(ws.fieldByKey.get(key)?.type ?? 'text', record.values[key] ?? null);

  const change = (key: string, value: string | null): void => {
    setSavedNotice(false);
    setDraft((d) => {
      const next = { ...d };
      // Typing a value back to what is stored is "no change", so nothing is sent.
      if (same(value, revealed[key] ?? storedShown(key))) delete next[key];
      else next[key] = value;
      return next;
    });
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    const result = await api.updateRecord({ id: record.id, version: record.version, values: draft });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setRevealed({});
    setDraft(() => ({}));
    setSavedNotice(true);
    onSaved(result.value);
  };

  const reveal = async (key: string): Promise<void> => {
    const result = await api.revealCpr({ id: record.id, fieldKey: key });
    if (!result.ok) return setError(result.error);
    setRevealed((r) => ({ ...r, [key]: result.value.cpr }));
    onRevealed();
  };

  const reload = async (): Promise<void> => {
    await onReload();
    setError(null);
  };

  return (
    <form
      ref={formRef}
      className="record-fields"
      noValidate
      aria-labelledby="record-fields-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="record-fields-title">{t('record.fields')}</h2>
      {error?.code === 'conflict' ? (
        <ErrorBanner error={error} text={t('record.conflict')}>
          <button type="button" className="btn btn-small" onClick={() => void reload()}>
            {t('record.reloadKeepInput')}
          </button>
        </ErrorBanner>
      ) : (
        <ErrorBanner error={error}>
          <UnplacedFieldErrors error={error} placed={new Set(ws.fieldByKey.keys())} />
        </ErrorBanner>
      )}
      {savedNotice && !dirty && <Notice>{t('record.saved')}</Notice>}
      <div className="field-grid">
        {ws.fields.map((field) => {
          const stored = record.values[field.key] ?? null;
          const shown = field.key in draft ? (draft[field.key] ?? null) : (revealed[field.key] ?? storedShown(field.key));
          // A CPR field, or free text the server showed with CPR numbers masked: both behind the audited reveal.
          const hidesCpr = field.type === 'cpr' || ((field.type === 'text' || field.type === 'longtext') && /\d{6}-\*{4}/.test(stored ?? ''));
          const canReveal = hidesCpr && stored !== null && !(field.key in draft) && !revealed[field.key];
          return (
            <FieldRow
              key={field.id}
              field={field}
              idPrefix={`record-${record.id}`}
              value={shown}
              changed={field.key in draft}
              onChange={(v) => change(field.key, v)}
              error={fieldErrors[field.key]}
              extra={
                canReveal ? (
                  <button type="button" className="btn btn-small" title={t('record.revealCprHint')} onClick={() => void reveal(field.key)}>
                    {t('record.revealCpr')}
                  </button>
                ) : undefined
              }
            />
          );
        })}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!dirty || saving}>
          {saving ? t('common.saving') : t('record.save')}
        </button>
        {dirty && (
          <>
            <span className="unsaved" data-testid="unsaved">
              {t('record.unsaved')}
            </span>
            <button
              type="button"
              className="btn btn-link"
              onClick={() => {
                setDraft(() => ({}));
                setError(null);
              }}
            >
              {t('record.discard')}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
