// Questionnaires with MitID through the contract (dispatch), against the MitID
// sandbox over real HTTP, with a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseworkerMitidView, QuestionnaireRunView, QuestionnaireView, Result } from '../../../src-main/contract';
import { startMitidSandbox, type RunningMitidSandbox } from '../../../src-main/sandbox/mitid/mitid-sandbox';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import type { RecordDetail } from '../../../src-main/contract';
import { count, createDemoRecord, demo, useTestApps, value as anyValue, type TestApp } from '../helpers/test-app';
import { playBrowser, type BrowserChoice } from '../helpers/mitid-browser';

// dispatch() returns Result<unknown>; these tests know each method's result type.
const value = <T = QuestionnaireRunView & QuestionnaireView & RecordDetail & CaseworkerMitidView>(r: Result<unknown>): T => anyValue(r) as T;

const karen = TEST_CITIZENS[0]!;
const soren = TEST_CITIZENS[1]!;

let sandbox: RunningMitidSandbox;
beforeAll(async () => {
  sandbox = await startMitidSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const { open } = useTestApps();

function setUp(): { app: TestApp; d: ReturnType<typeof demo> } {
  const app = open();
  app.services.sandboxUrls.set('mitid', sandbox.issuer);
  return { app, d: demo(app) };
}

async function questionnaire(app: TestApp, d: ReturnType<typeof demo>, mode: 'new_record' | 'follow_up'): Promise<QuestionnaireView> {
  return value(
    await app.dispatch(
      'saveQuestionnaire',
      {
        title: mode === 'new_record' ? 'Ansøgning om boligtilskud' : 'Opfølgning',
        intro: '',
        mitidRequired: true,
        mode,
        workflowId: d.workflow.id,
        startStatusId: null,
        completedStatusId: d.status('Under behandling').id,
        questions: [
          { kind: 'choice', label: 'Hvad søger du?', help: '', required: true, fieldKey: 'ansoegningstype' },
          { kind: 'number', label: 'Beløb', help: '', required: false, fieldKey: 'beloeb' },
          { kind: 'longtext', label: 'Beskriv din situation', help: '', required: false, fieldKey: 'beskrivelse' },
        ],
      },
      d.adminSession(),
    ),
  );
}

/** Starts the run's MitID login, plays the browser, and waits for the run to see the result. */
async function mitidLogin(app: TestApp, session: { userId: number | null }, runId: string, choice: BrowserChoice): Promise<QuestionnaireRunView> {
  const begun = value(await app.dispatch('beginQuestionnaireMitid', { runId }, session));
  if (begun.mitid.status !== 'pending') throw new Error('expected a pending login');
  await playBrowser(begun.mitid.authorizationUrl, choice);
  for (let i = 0; i < 3000; i++) {
    const run = value(await app.dispatch('getQuestionnaireRun', { runId }, session));
    if (run.mitid.status !== 'pending') return run;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the login never finished');
}

describe('questionnaires with MitID', () => {
  it('creates a record from the MitID claims and the answers, moves it on, and records the cost', async () => {
    const { app, d } = setUp();
    value(await app.dispatch('saveMitidWorkflow', { workflowId: d.workflow.id, enabled: true, mappings: { name: 'navn', cpr: 'cpr', uuid: 'adresse' } }, d.adminSession()));
    const q = await questionnaire(app, d, 'new_record');
    // Listen in on what reaches the notification inbox.
    const published: { kind: string; recordId: number | null }[] = [];
    const inbox = app.services.notifications;
    const publish = inbox.publish.bind(inbox);
    inbox.publish = (req) => {
      published.push({ kind: req.kind, recordId: req.recordId });
      return publish(req);
    };
    const session = { userId: d.user('Jens Nielsen').id };
    const run = value(await app.dispatch('startQuestionnaireRun', { questionnaireId: q.id }, session));
    expect(run.mitid.status).toBe('not_started');
    const before = count(app.services.db, 'records');
    const afterLogin = await mitidLogin(app, session, run.runId, { citizenUuid: karen.uuid, cpr: karen.cpr });
    expect(afterLogin.mitid).toEqual({ status: 'succeeded', name: 'Karen Holm', maskedCpr: '010180-****' });
    expect(count(app.services.db, 'records')).toBe(before);
    const [typeQ, amountQ, textQ] = q.questions;
    const record = value(
      await app.dispatch(
        'completeQuestionnaireRun',
        { runId: run.runId, answers: { [typeQ!.id]: 'Boligtilskud', [amountQ!.id]: '1250,50', [textQ!.id]: 'Jeg er flyttet.' } },
        session,
      ),
    );
    expect(record.name).toBe('Karen Holm');
    expect(app.services.records.row(record.id).cpr).toBe(karen.cpr);
    const values = app.services.records.maskedValues(record.id);
    expect(values).toMatchObject({ ansoegningstype: 'Boligtilskud', beloeb: '1250.50', beskrivelse: 'Jeg er flyttet.', adresse: karen.uuid, cpr: '010180-****' });
    expect(record.statusId).toBe(d.status('Under behandling').id);
    // Moved through StatusChanges: the history shows both statuses, and the target's status actions became jobs.
    expect(count(app.services.db, 'status_history', 'record_id = ?', record.id)).toBe(2);
    const actionsOfTarget = d.status('Under behandling').actions.filter((a) => a.enabled).length;
    const actionsOfStart = d.status('Modtaget').actions.filter((a) => a.enabled).length;
    expect(count(app.services.db, 'jobs', 'record_id = ?', record.id)).toBe(actionsOfStart + actionsOfTarget);
    expect(published).toEqual([{ kind: 'questionnaire_completed', recordId: record.id }]);
    expect(count(app.services.db, 'cost_entries', "kind = 'mitid_login'")).toBe(1);
    expect(count(app.services.db, 'questionnaire_responses', 'record_id = ?', record.id)).toBe(1);
    // The run is over: it cannot be completed twice.
    expect((await app.dispatch('completeQuestionnaireRun', { runId: run.runId, answers: {} }, session)).ok).toBe(false);
  });

  it('writes nothing when the citizen cancels the MitID login', async () => {
    const { app, d } = setUp();
    const q = await questionnaire(app, d, 'new_record');
    const session = { userId: d.user('Jens Nielsen').id };
    const run = value(await app.dispatch('startQuestionnaireRun', { questionnaireId: q.id }, session));
    const tables = ['records', 'record_values', 'audit_log', 'cost_entries', 'questionnaire_responses'];
    const before = tables.map((t) => count(app.services.db, t));
    const after = await mitidLogin(app, session, run.runId, { outcome: 'cancel' });
    expect(after.mitid).toEqual({ status: 'failed', reason: 'cancelled' });
    const refused = await app.dispatch('completeQuestionnaireRun', { runId: run.runId, answers: { [q.questions[0]!.id]: 'Boligtilskud' } }, session);
    expect(refused.ok).toBe(false);
    value(await app.dispatch('cancelQuestionnaireRun', { runId: run.runId }, session));
    expect(tables.map((t) => count(app.services.db, t))).toEqual(before);
  });

  it('refuses a follow-up by someone else\'s MitID and audits it with masked CPRs', async () => {
    const { app, d } = setUp();
    const q = await questionnaire(app, d, 'follow_up');
    const session = { userId: d.user('Jens Nielsen').id };
    const target = await createDemoRecord(app, session, { navn: 'Karen Holm', cpr: karen.cpr });
    const run = value(await app.dispatch('startQuestionnaireRun', { questionnaireId: q.id, recordId: target.id }, session));
    const after = await mitidLogin(app, session, run.runId, { citizenUuid: soren.uuid, cpr: soren.cpr });
    expect(after.mitid).toEqual({ status: 'cpr_mismatch' });
    const refused = await app.dispatch('completeQuestionnaireRun', { runId: run.runId, answers: { [q.questions[0]!.id]: 'Tandpleje' } }, session);
    expect(refused.ok).toBe(false);
    const audit = app.services.db.prepare("SELECT details FROM audit_log WHERE action = 'questionnaire.mitid_cpr_mismatch' AND record_id = ?").all(target.id) as { details: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ mitidCpr: '150265-****', recordCpr: '010180-****' });
    const everything = (app.services.db.prepare('SELECT group_concat(details) AS all_details FROM audit_log').get() as { all_details: string }).all_details;
    expect(everything).not.toContain(soren.cpr);
    expect(everything).not.toContain(karen.cpr);
    expect(app.services.records.maskedValues(target.id).ansoegningstype).toBeUndefined();
  });

  it('accepts a follow-up by the record\'s own citizen and stores the answers on that record', async () => {
    const { app, d } = setUp();
    const q = await questionnaire(app, d, 'follow_up');
    const session = { userId: d.user('Jens Nielsen').id };
    const target = await createDemoRecord(app, session, { navn: 'Karen Holm', cpr: karen.cpr });
    const run = value(await app.dispatch('startQuestionnaireRun', { questionnaireId: q.id, recordId: target.id }, session));
    expect((await mitidLogin(app, session, run.runId, { citizenUuid: karen.uuid, cpr: karen.cpr })).mitid.status).toBe('succeeded');
    const done = value(await app.dispatch('completeQuestionnaireRun', { runId: run.runId, answers: { [q.questions[0]!.id]: 'Tandpleje' } }, session));
    expect(done.id).toBe(target.id);
    expect(app.services.records.maskedValues(target.id).ansoegningstype).toBe('Tandpleje');
  });

  it('rejects an answer that does not fit its field, keeping the run open', async () => {
    const { app, d } = setUp();
    const q = await questionnaire(app, d, 'new_record');
    const session = { userId: d.user('Jens Nielsen').id };
    const run = value(await app.dispatch('startQuestionnaireRun', { questionnaireId: q.id }, session));
    await mitidLogin(app, session, run.runId, { citizenUuid: karen.uuid, cpr: karen.cpr });
    const bad = await app.dispatch('completeQuestionnaireRun', { runId: run.runId, answers: { [q.questions[0]!.id]: 'Noget andet' } }, session);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('validation_failed');
    const good = await app.dispatch('completeQuestionnaireRun', { runId: run.runId, answers: { [q.questions[0]!.id]: 'Hjælpemidler' } }, session);
    expect(good.ok).toBe(true);
  });
});

describe('caseworker login with MitID', () => {
  it('links the MitID identity on first login and selects that profile later', async () => {
    const { app, d } = setUp();
    const anne = d.user('Anne Sørensen');
    const first = { userId: null };
    const begun = value(await app.dispatch('beginCaseworkerMitid', { userId: anne.id }, first));
    await playBrowser(begun.authorizationUrl, { citizenUuid: karen.uuid });
    let view = value(await app.dispatch('getCaseworkerMitid', { loginId: begun.loginId }, first));
    for (let i = 0; view.status === 'pending' && i < 3000; i++) {
      await new Promise((r) => setTimeout(r, 20));
      view = value(await app.dispatch('getCaseworkerMitid', { loginId: begun.loginId }, first));
    }
    expect(view.status).toBe('signed_in');
    expect(first.userId).toBe(anne.id);

    const later = { userId: null };
    const again = value(await app.dispatch('beginCaseworkerMitid', {}, later));
    await playBrowser(again.authorizationUrl, { citizenUuid: karen.uuid });
    let second = value(await app.dispatch('getCaseworkerMitid', { loginId: again.loginId }, later));
    for (let i = 0; second.status === 'pending' && i < 3000; i++) {
      await new Promise((r) => setTimeout(r, 20));
      second = value(await app.dispatch('getCaseworkerMitid', { loginId: again.loginId }, later));
    }
    expect(second.status).toBe('signed_in');
    expect(second.user?.name).toBe('Anne Sørensen');
    expect(later.userId).toBe(anne.id);

    // Someone else's MitID, never linked, signs nobody in.
    const stranger = { userId: null };
    const third = value(await app.dispatch('beginCaseworkerMitid', {}, stranger));
    await playBrowser(third.authorizationUrl, { citizenUuid: soren.uuid });
    let view3 = value(await app.dispatch('getCaseworkerMitid', { loginId: third.loginId }, stranger));
    for (let i = 0; view3.status === 'pending' && i < 3000; i++) {
      await new Promise((r) => setTimeout(r, 20));
      view3 = value(await app.dispatch('getCaseworkerMitid', { loginId: third.loginId }, stranger));
    }
    expect(view3.status).toBe('not_linked');
    expect(stranger.userId).toBeNull();
  });
});

describe('questionnaire definitions', () => {
  it('refuses questions that cannot fill their field, statuses of another workflow, and non-admins', async () => {
    const { app, d } = setUp();
    const base = {
      title: 'X',
      intro: '',
      mitidRequired: false,
      mode: 'new_record' as const,
      workflowId: d.workflow.id,
      startStatusId: null,
      completedStatusId: null,
      questions: [{ kind: 'number' as const, label: 'Hvad søger du?', help: '', required: true, fieldKey: 'ansoegningstype' }],
    };
    // The sandbox workspace ships one questionnaire; none of these may add another.
    const before = count(app.services.db, 'questionnaires');
    const wrongKind = await app.dispatch('saveQuestionnaire', base, d.adminSession());
    expect(wrongKind).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const other = app.services.workspace.snapshot().workflows.find((w) => w.id !== d.workflow.id);
    const foreignStatus = await app.dispatch('saveQuestionnaire', { ...base, questions: [], completedStatusId: other!.statuses[0]!.id }, d.adminSession());
    expect(foreignStatus).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const notAdmin = await app.dispatch('saveQuestionnaire', { ...base, questions: [] }, { userId: d.user('Jens Nielsen').id });
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(count(app.services.db, 'questionnaires')).toBe(before);
  });

  it('runs a questionnaire without MitID straight to the questions', async () => {
    const { app, d } = setUp();
    const q = value(
      await app.dispatch(
        'saveQuestionnaire',
        {
          title: 'Uden MitID',
          intro: '',
          mitidRequired: false,
          mode: 'new_record',
          workflowId: d.workflow.id,
          startStatusId: null,
          completedStatusId: null,
          questions: [
            { kind: 'text', label: 'Dit navn', help: '', required: true, fieldKey: 'navn' },
            { kind: 'yesno', label: 'Bevilget før?', help: '', required: false, fieldKey: 'bevilget' },
          ],
        },
        d.adminSession(),
      ),
    );
    const session = { userId: d.user('Jens Nielsen').id };
    const run = value(await app.dispatch('startQuestionnaireRun', { questionnaireId: q.id }, session));
    expect(run.mitid.status).toBe('not_required');
    expect((await app.dispatch('beginQuestionnaireMitid', { runId: run.runId }, session)).ok).toBe(false);
    const [nameQ, yesQ] = q.questions;
    const record = value(await app.dispatch('completeQuestionnaireRun', { runId: run.runId, answers: { [nameQ!.id]: 'Ole Olsen', [yesQ!.id]: 'ja' } }, session));
    expect(record.name).toBe('Ole Olsen');
    expect(app.services.records.maskedValues(record.id).bevilget).toBe('true');
    expect(count(app.services.db, 'cost_entries', "kind = 'mitid_login'")).toBe(0);
  });
});
