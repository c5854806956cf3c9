import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, QuestionnaireView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { useAppSession } from '../../app/app-context';
import { navigate, routeHref } from '../../app/route';
import { DeleteButton } from '../../components/DeleteButton';
import { ErrorBanner } from '../../components/ErrorBanner';
import '../../styles/kiosk.css';
import { QuestionnaireEditor } from './QuestionnaireEditor';

/** The questionnaires a caseworker can start in the kiosk; administrators also create them here. */
export function QuestionnairesScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useAppSession();
  const [list, setList] = useState<QuestionnaireView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<QuestionnaireView | 'new' | null>(null);
  const [recordNumbers, setRecordNumbers] = useState<Record<number, string>>({});
  const [notFound, setNotFound] = useState<string | null>(null);

  /** A follow-up starts on the record the caseworker names by its number (never its internal id). */
  const start = async (q: QuestionnaireView) => {
    if (q.mode !== 'follow_up') return navigate({ name: 'kiosk', questionnaireId: q.id, recordId: null });
    const number = (recordNumbers[q.id] ?? '').trim();
    const result = await api.listRecords({ search: number, workflowId: q.workflowId, offset: 0, limit: 20 });
    if (!result.ok) return setError(result.error);
    const record = result.value.rows.find((r) => r.number === number);
    if (!record) return setNotFound(t('kioskStart.notFound', { number }));
    setNotFound(null);
    navigate({ name: 'kiosk', questionnaireId: q.id, recordId: record.id });
  };

  const load = useCallback(async () => {
    const result = await api.listQuestionnaires({});
    if (result.ok) setList(result.value);
    else setError(result.error);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="questionnaires-title">
      <h1 id="questionnaires-title">{t('mitid.list.title')}</h1>
      <ErrorBanner error={error} />
      {notFound && (
        <p className="banner banner-error" role="alert" data-testid="kiosk-record-not-found">
          {notFound}
        </p>
      )}
      {user.isAdmin && (
        <p>
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            {t('mitid.editor.title')}
          </button>{' '}
          <a href={routeHref({ name: 'mitidSettings' })}>{t('mitid.list.settingsLink')}</a>
        </p>
      )}
      {editing && (
        <QuestionnaireEditor
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
      {list?.length === 0 && <p className="muted">{t('mitid.list.empty')}</p>}
      {list?.map((q) => (
        <div className="questionnaire-row" key={q.id} data-testid="questionnaire-row">
          <strong>{q.title}</strong>
          <span className="muted">
            {q.mode === 'new_record' ? t('mitid.list.newRecord') : t('mitid.list.followUp')}
            {q.mitidRequired ? ` · ${t('mitid.list.mitidRequired')}` : ''} · {t('mitid.list.questions', { count: q.questions.length })}
          </span>
          {q.mode === 'follow_up' && (
            <label>
              {t('kioskStart.recordNumber')}{' '}
              <input
                size={12}
                placeholder="2026-000199"
                aria-describedby={`kiosk-record-hint-${q.id}`}
                value={recordNumbers[q.id] ?? ''}
                onChange={(e) => setRecordNumbers((r) => ({ ...r, [q.id]: e.target.value }))}
              />
              <span className="hint" id={`kiosk-record-hint-${q.id}`}>
                {' '}
                {t('kioskStart.recordNumberHint')}
              </span>
            </label>
          )}
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={q.mode === 'follow_up' && !(recordNumbers[q.id] ?? '').trim()}
            onClick={() => void start(q)}
          >
            {t('mitid.list.start')}
          </button>
          {user.isAdmin && (
            <>
              <button type="button" className="btn btn-small" onClick={() => setEditing(q)}>
                {t('common.edit')}
              </button>
              <DeleteButton
                label={`${t('common.delete')}: ${q.title}`}
                onDelete={() =>
                  void api.deleteQuestionnaire({ id: q.id }).then((result) => (result.ok ? load() : setError(result.error)))
                }
              />
            </>
          )}
        </div>
      ))}
    </section>
  );
}
