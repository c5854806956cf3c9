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
  const [recordIds, setRecordIds] = useState<Record<number, string>>({});

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
              {t('mitid.list.recordId')}{' '}
              <input
                inputMode="numeric"
                size={8}
                title={t('mitid.list.recordIdHint')}
                value={recordIds[q.id] ?? ''}
                onChange={(e) => setRecordIds((r) => ({ ...r, [q.id]: e.target.value }))}
              />
            </label>
          )}
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={q.mode === 'follow_up' && !/^\d+$/.test(recordIds[q.id] ?? '')}
            onClick={() => navigate({ name: 'kiosk', questionnaireId: q.id, recordId: q.mode === 'follow_up' ? Number(recordIds[q.id]) : null })}
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
