import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, FieldType, QuestionKind, QuestionnaireView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorBanner } from '../../components/ErrorBanner';

/** The kind of question that fills a field of this type (the citizen sees matching input). */
const KIND_FOR: Partial<Record<FieldType, QuestionKind>> = {
  text: 'text',
  email: 'text',
  phone: 'text',
  cpr: 'text',
  longtext: 'longtext',
  number: 'number',
  date: 'date',
  choice: 'choice',
  yesno: 'yesno',
};

interface Draft {
  label: string;
  fieldKey: string;
  required: boolean;
}

/** An administrator's form for a questionnaire: settings and ordered questions mapped to fields. */
export function QuestionnaireEditor({
  initial,
  onSaved,
  onCancel,
}: {
  initial?: QuestionnaireView | undefined;
  onSaved: (q: QuestionnaireView) => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const answerable = ws.view.fields.filter((f) => KIND_FOR[f.type] !== undefined);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [intro, setIntro] = useState(initial?.intro ?? '');
  const [mitidRequired, setMitidRequired] = useState(initial?.mitidRequired ?? true);
  const [mode, setMode] = useState<'new_record' | 'follow_up'>(initial?.mode ?? 'new_record');
  const [workflowId, setWorkflowId] = useState<number>(initial?.workflowId ?? ws.view.workflows[0]?.id ?? 0);
  const [startStatusId, setStartStatusId] = useState<number | null>(initial?.startStatusId ?? null);
  const [completedStatusId, setCompletedStatusId] = useState<number | null>(initial?.completedStatusId ?? null);
  const [questions, setQuestions] = useState<Draft[]>(
    initial?.questions.map((q) => ({ label: q.label, fieldKey: q.fieldKey, required: q.required })) ?? [
      { label: '', fieldKey: answerable[0]?.key ?? '', required: false },
    ],
  );
  const [error, setError] = useState<AppError | null>(null);
  const statuses = ws.view.workflows.find((w) => w.id === workflowId)?.statuses ?? [];

  const save = async (): Promise<void> => {
    const result = await api.saveQuestionnaire({
      ...(initial ? { id: initial.id } : {}),
      title,
      intro,
      mitidRequired,
      mode,
      workflowId,
      startStatusId: mode === 'new_record' ? startStatusId : null,
      completedStatusId,
      questions: questions.map((q) => {
        const field = ws.view.fields.find((f) => f.key === q.fieldKey);
        return { kind: (field && KIND_FOR[field.type]) ?? 'text', label: q.label, help: '', required: q.required, fieldKey: q.fieldKey };
      }),
    });
    if (!result.ok) return setError(result.error);
    onSaved(result.value);
  };

  const statusSelect = (value: number | null, set: (v: number | null) => void, label: string, testId: string) => (
    <label>
      {label}{' '}
      <select data-testid={testId} value={value ?? ''} onChange={(e) => set(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t('mitid.editor.noStatus')}</option>
        {statuses.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      className="panel admin-form"
      aria-label={initial ? t('mitid.editor.editTitle') : t('mitid.editor.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{initial ? t('mitid.editor.editTitle') : t('mitid.editor.title')}</h2>
      <ErrorBanner error={error} />
      <label>
        {t('mitid.editor.name')} <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('mitid.editor.intro')} <textarea value={intro} onChange={(e) => setIntro(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={mitidRequired} onChange={(e) => setMitidRequired(e.target.checked)} /> {t('mitid.editor.mitidRequired')}
      </label>
      <label>
        {t('mitid.editor.workflow')}{' '}
        <select value={workflowId} onChange={(e) => setWorkflowId(Number(e.target.value))}>
          {ws.view.workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('mitid.editor.mode')}{' '}
        <select value={mode} onChange={(e) => setMode(e.target.value as 'new_record' | 'follow_up')}>
          <option value="new_record">{t('mitid.editor.modeNew')}</option>
          <option value="follow_up">{t('mitid.editor.modeFollowUp')}</option>
        </select>
      </label>
      {mode === 'new_record' && statusSelect(startStatusId, setStartStatusId, t('mitid.editor.startStatus'), 'start-status')}
      {statusSelect(completedStatusId, setCompletedStatusId, t('mitid.editor.completedStatus'), 'completed-status')}
      <fieldset>
        <legend>{t('mitid.editor.questions')}</legend>
        {questions.map((q, i) => (
          <div className="questionnaire-question-row" key={i} data-testid="question-row">
            <label>
              {t('mitid.editor.questionLabel')} {i + 1}{' '}
              <input value={q.label} onChange={(e) => setQuestions((qs) => qs.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
            </label>
            <label>
              {t('mitid.editor.field')}{' '}
              <select value={q.fieldKey} onChange={(e) => setQuestions((qs) => qs.map((x, j) => (j === i ? { ...x, fieldKey: e.target.value } : x)))}>
                {answerable.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <input
                type="checkbox"
                checked={q.required}
                onChange={(e) => setQuestions((qs) => qs.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)))}
              />{' '}
              {t('mitid.editor.required')}
            </label>
            <button type="button" className="btn btn-small" onClick={() => setQuestions((qs) => qs.filter((_x, j) => j !== i))}>
              {t('mitid.editor.removeQuestion')}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => setQuestions((qs) => [...qs, { label: '', fieldKey: answerable[0]?.key ?? '', required: false }])}>
          {t('mitid.editor.addQuestion')}
        </button>
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('mitid.editor.save')}
        </button>
      </div>
    </form>
  );
}
