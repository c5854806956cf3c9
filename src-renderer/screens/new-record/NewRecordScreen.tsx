import { useRef, useState } from 'react';
import { useFocusFirstInvalid } from '../../components/focus-first-invalid';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { navigate } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FieldRow } from '../../components/fields/FieldRow';
import { UnplacedFieldErrors } from '../../components/fields/UnplacedFieldErrors';
import { fieldErrorsByKey } from '../../i18n/translate-error';
import { WorkflowOptions } from '../../components/WorkflowOptions';

export function NewRecordScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [workflowId, setWorkflowId] = useState<number | null>(ws.view.workflows[0]?.id ?? null);
  const [values, setValues] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<AppError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, error);
  const [busy, setBusy] = useState(false);
  const fieldErrors = fieldErrorsByKey(t, error);

  if (ws.view.workflows.length === 0) return <p>{t('newRecord.noWorkflows')}</p>;

  const create = async (): Promise<void> => {
    if (workflowId === null) return;
    setBusy(true);
    const result = await api.createRecord({ workflowId, values });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    navigate({ name: 'record', id: result.value.id });
  };

  return (
    <section className="new-record-screen" aria-labelledby="new-title">
      <h1 id="new-title">{t('newRecord.title')}</h1>
      <form
        ref={formRef}
        className="record-fields panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <ErrorBanner error={error}>
          <UnplacedFieldErrors error={error} placed={new Set(ws.fieldByKey.keys())} />
        </ErrorBanner>
        <div className="field-grid">
          <div className="field-row">
            <label htmlFor="new-workflow">{t('newRecord.workflow')}</label>
            <div className="field-control">
              <select id="new-workflow" value={workflowId ?? ''} onChange={(e) => setWorkflowId(Number(e.target.value))}>
                <WorkflowOptions workflows={ws.view.workflows} />
              </select>
            </div>
          </div>
          {ws.fields.map((field) => (
            <FieldRow
              key={field.id}
              field={field}
              idPrefix="new"
              value={values[field.key] ?? null}
              // Only keys the caseworker touched are sent; main applies defaults and checks the rest.
              onChange={(v) => setValues((old) => ({ ...old, [field.key]: v }))}
              error={fieldErrors[field.key]}
            />
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || workflowId === null}>
            {t('newRecord.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
