import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, QuestionnaireRunView, SessionAccessView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { useAppSession } from '../../app/app-context';
import { navigate } from '../../app/route';
import { ErrorBanner } from '../../components/ErrorBanner';
import { fieldErrorsByKey } from '../../i18n/translate-error';
import '../../styles/kiosk.css';
import { LeaveKioskDialog } from './LeaveKioskDialog';
import { QuestionInput } from './QuestionInput';

const POLL_MS = 700;
/** After a citizen has sent their answers, the kiosk starts over on its own for the next one. */
const RESET_AFTER_DONE_MS = 15_000;

interface Props {
  questionnaireId: number;
  recordId: number | null;
  /** The sign-in policy, for the leave dialog (absent: leaving is not offered). */
  access?: SessionAccessView;
  /** The run has begun: main now holds the session for the kiosk. */
  onStarted?: () => void;
  /** A caseworker signed in to leave. */
  onLeft?: () => void;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round inside the kiosk; they never reach the browser's or the app's controls. */
function trapTab(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    e.preventDefault();
    return;
  }
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && e.currentTarget.contains(active);
  if (e.shiftKey && (active === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * A citizen fills in a questionnaire at the caseworker's desk. The view covers
 * the whole window; leaving needs the caseworker. With MitID the login opens in
 * the system browser (Electron) or a new tab (browser transport), and the app
 * waits for the loopback redirect. Nothing is stored until the citizen sends.
 */
export function KioskScreen({ questionnaireId, recordId, access, onStarted, onLeft }: Props): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const { info } = useAppSession();
  const [run, setRun] = useState<QuestionnaireRunView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [doneNumber, setDoneNumber] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const runId = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const started = useRef(onStarted);
  started.current = onStarted;

  // Everything from the last citizen goes: answers, errors, MitID state, the thank-you.
  const start = useCallback(async () => {
    setError(null);
    setAnswers({});
    setDoneNumber(null);
    setRun(null);
    setLeaving(false);
    const result = await api.startQuestionnaireRun(recordId ? { questionnaireId, recordId } : { questionnaireId });
    if (!result.ok) return setError(result.error);
    runId.current = result.value.runId;
    setRun(result.value);
    started.current?.();
    root.current?.focus();
  }, [api, questionnaireId, recordId]);

  useEffect(() => {
    if (doneNumber === null) return;
    const timer = setTimeout(() => void start(), RESET_AFTER_DONE_MS);
    return () => clearTimeout(timer);
  }, [doneNumber, start]);

  useEffect(() => {
    void start();
    // Leaving the view abandons an unfinished run: nothing half-written stays behind.
    return () => {
      if (runId.current) void api.cancelQuestionnaireRun({ runId: runId.current });
    };
  }, [api, start]);

  const pending = run?.mitid.status === 'pending';
  useEffect(() => {
    if (!pending || !run) return;
    const timer = setInterval(() => {
      void api.getQuestionnaireRun({ runId: run.runId }).then((r) => {
        if (r.ok) setRun(r.value);
        else setError(r.error);
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, pending, run]);

  const beginMitid = async (): Promise<void> => {
    if (!run) return;
    setError(null);
    const result = await api.beginQuestionnaireMitid({ runId: run.runId });
    if (!result.ok) return setError(result.error);
    setRun(result.value);
    // The Electron shell has opened the system browser; in a browser, a new tab shows MitID full page.
    if (info.transport === 'web' && result.value.mitid.status === 'pending') window.open(result.value.mitid.authorizationUrl, '_blank', 'noopener');
  };

  const submit = async (): Promise<void> => {
    if (!run) return;
    setBusy(true);
    const result = await api.completeQuestionnaireRun({ runId: run.runId, answers });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    // The thank-you page carries no error of an earlier attempt.
    setError(null);
    runId.current = null;
    setDoneNumber(result.value.number);
  };

  const byField = fieldErrorsByKey(t, error);
  const mitid = run?.mitid;
  const mayAnswer = mitid && (mitid.status === 'not_required' || mitid.status === 'succeeded');

  return (
    <div className="kiosk" data-testid="kiosk" role="dialog" aria-modal="true" aria-labelledby="kiosk-title" ref={root} tabIndex={-1} onKeyDown={trapTab}>
      <div className="kiosk-bar">
        {access && (
          <button type="button" className="btn btn-small" onClick={() => setLeaving(true)}>
            {t('mitid.kiosk.leave')}
          </button>
        )}
      </div>
      <div className="kiosk-body">
        <h1 id="kiosk-title">{run?.questionnaire.title ?? ''}</h1>
        {run?.questionnaire.intro && <p>{run.questionnaire.intro}</p>}
        <ErrorBanner error={error} />
        {doneNumber !== null ? (
          <div className="kiosk-done" data-testid="kiosk-done">
            <p role="status">{t('mitid.kiosk.thanks')}</p>
            <p className="muted">{t('access.kiosk.autoReset')}</p>
            <button type="button" className="btn" onClick={() => void start()}>
              {t('mitid.kiosk.startOver')}
            </button>
          </div>
        ) : (
          <>
            {mitid?.status === 'not_started' && (
              <div className="kiosk-mitid">
                <p>{t('mitid.kiosk.mitidIntro')}</p>
                <button type="button" className="btn btn-primary btn-mitid" onClick={() => void beginMitid()}>
                  {t('mitid.kiosk.mitidStart')}
                </button>
              </div>
            )}
            {mitid?.status === 'pending' && (
              <div className="kiosk-mitid" role="status">
                <p>{t('mitid.kiosk.mitidWaiting')}</p>
                {info.transport === 'web' && (
                  <a href={mitid.authorizationUrl} target="_blank" rel="noopener noreferrer" className="btn" data-testid="mitid-link">
                    {t('mitid.kiosk.mitidOpenAgain')}
                  </a>
                )}
              </div>
            )}
            {mitid?.status === 'failed' && (
              <div className="kiosk-mitid">
                <p role="alert" className="kiosk-problem" data-testid="mitid-failure">
                  {t(`mitid.kiosk.failure.${mitid.reason}`)}
                </p>
                <button type="button" className="btn btn-primary btn-mitid" onClick={() => void beginMitid()}>
                  {t('mitid.kiosk.mitidStart')}
                </button>
              </div>
            )}
            {mitid?.status === 'cpr_mismatch' && (
              <p role="alert" className="kiosk-problem" data-testid="mitid-cpr-mismatch">
                {t('mitid.kiosk.cprMismatch')}
              </p>
            )}
            {mitid?.status === 'succeeded' && (
              <p className="kiosk-signed-in" data-testid="mitid-signed-in">
                {t('mitid.kiosk.signedInAs', { name: mitid.name })} {mitid.maskedCpr && <span className="muted">({mitid.maskedCpr})</span>}
              </p>
            )}
            {mayAnswer && run && (
              <form
                className="kiosk-form"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit();
                }}
              >
                {run.questionnaire.questions.map((q) => (
                  <QuestionInput
                    key={q.id}
                    question={q}
                    value={answers[String(q.id)] ?? ''}
                    error={byField[q.fieldKey]}
                    onChange={(v) => setAnswers((a) => ({ ...a, [String(q.id)]: v }))}
                  />
                ))}
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {busy ? t('mitid.kiosk.sending') : t('mitid.kiosk.submit')}
                </button>
              </form>
            )}
          </>
        )}
      </div>
      {leaving && access && (
        <LeaveKioskDialog
          access={access}
          onClose={() => setLeaving(false)}
          onLeave={() => {
            setLeaving(false);
            if (onLeft) onLeft();
            else navigate({ name: 'questionnaires' });
          }}
        />
      )}
    </div>
  );
}
