// Sign-in per workspace policy, the idle lock and the kiosk seal, through the
// dispatcher with transport-made sessions and a clock the test controls.
import { describe, expect, it } from 'vitest';
import { AccessStore } from '../../../src-main/access/access-store';
import { newSession, type Session } from '../../../src-main/app/session';
import type { SessionView } from '../../../src-main/contract';
import { IntegrationSettings } from '../../../src-main/integration-settings/integration-settings';
import { demo, manualClock, useTestApps, value, type TestApp } from '../helpers/test-app';

const { open } = useTestApps();
const MINUTE = 60_000;

function setUp(account = 'jdoe') {
  const clock = manualClock();
  let osAccount = account;
  const app = open({ seedDemo: true, clock, language: 'da', osAccount: () => osAccount });
  return { app, clock, d: demo(app), setAccount: (a: string) => void (osAccount = a) };
}

const audit = (app: TestApp, action: string): Record<string, unknown>[] =>
  (app.services.db.prepare('SELECT user_id AS userId, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { userId: number | null; details: string }[]).map((r) => ({
    userId: r.userId,
    ...(JSON.parse(r.details) as Record<string, unknown>),
  }));

async function signInPicker(app: TestApp, session: Session, userId: number): Promise<SessionView> {
  return value(await app.dispatch('selectUser', { userId }, session)) as SessionView;
}

describe('the sign-in policy', () => {
  it('defaults to the labelled picker in the sandbox, and to the OS account elsewhere (the picker is never allowed there)', () => {
    const { app } = setUp();
    expect(app.services.access.store.policy()).toEqual({ method: 'picker', idleLockSeconds: 15 * 60 });
    const production = new AccessStore(new IntegrationSettings(app.services.db), false);
    expect(production.policy().method).toBe('os_account');
    production.savePolicy({ method: 'picker', idleLockSeconds: 900 });
    expect(production.policy().method).toBe('os_account');
  });

  it('the picker signs in and is audited', async () => {
    const { app, d } = setUp();
    const session = newSession();
    const view = await signInPicker(app, session, d.user('Jens Nielsen').id);
    expect(view.user?.name).toBe('Jens Nielsen');
    expect(view.access).toMatchObject({ locked: false, kiosk: null, policy: { method: 'picker' } });
    expect(audit(app, 'session.signed_in')).toEqual([{ userId: d.user('Jens Nielsen').id, method: 'picker' }]);
  });

  it('OS account: refused until the admin has linked their own account; then the picker is refused and the linked account signs in', async () => {
    const { app, d, setAccount } = setUp('mette');
    const admin = newSession();
    await signInPicker(app, admin, d.admin.id);
    const early = await app.dispatch('saveSignInPolicy', { method: 'os_account', idleLockSeconds: 900 }, admin);
    expect(early).toMatchObject({ ok: false, error: { code: 'validation_failed', fieldErrors: [{ field: 'method' }] } });
    if (!early.ok) expect(early.error.message).toContain('»mette«');

    value(await app.dispatch('linkOsAccount', { username: 'mette', userId: d.admin.id }, admin));
    value(await app.dispatch('linkOsAccount', { username: 'jdoe', userId: d.user('Jens Nielsen').id }, admin));
    value(await app.dispatch('saveSignInPolicy', { method: 'os_account', idleLockSeconds: 900 }, admin));

    const tab = newSession();
    const picker = await app.dispatch('selectUser', { userId: d.admin.id }, tab);
    expect(picker).toMatchObject({ ok: false, error: { code: 'not_allowed', message: 'Arbejdspladsen kræver login med computerkontoen.' } });
    expect(tab.userId).toBeNull();

    setAccount('JDOE'); // Windows account names compare without case
    const signedIn = value(await app.dispatch('signInWithOsAccount', {}, tab)) as SessionView;
    expect(signedIn.user?.name).toBe('Jens Nielsen');

    setAccount('stranger');
    const other = newSession();
    const refused = await app.dispatch('signInWithOsAccount', {}, other);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    if (!refused.ok) expect(refused.error.message).toBe('Computerkontoen »stranger« er ikke knyttet til en profil. Bed en administrator om at knytte den.');
    expect(other.userId).toBeNull();

    expect(audit(app, 'session.sign_in_failed')).toEqual([
      { userId: null, method: 'picker', reason: 'method_not_allowed' },
      { userId: null, method: 'os_account', reason: 'not_linked', account: 'stranger' },
    ]);
    expect(audit(app, 'session.signed_in').map((a) => a.method)).toEqual(['picker', 'os_account']);
  });

  it('OS account on a workspace nobody has linked: the first sign-in becomes the first administrator (audited), later strangers are refused', async () => {
    const { app, d, setAccount } = setUp('installer');
    new AccessStore(app.services.integrationSettings, true).savePolicy({ method: 'os_account', idleLockSeconds: 900 });
    const first = value(await app.dispatch('signInWithOsAccount', {}, newSession())) as SessionView;
    expect(first.user?.id).toBe(d.admin.id);
    expect(audit(app, 'user.os_account_linked')).toEqual([{ userId: d.admin.id, account: 'installer', bootstrap: true }]);
    setAccount('someone-else');
    expect(await app.dispatch('signInWithOsAccount', {}, newSession())).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    // Removing every link later does not reopen the door.
    app.services.access.store.linkOsAccount('installer', null);
    expect(await app.dispatch('signInWithOsAccount', {}, newSession())).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
  });

  it('MitID policy: neither the picker nor the OS account signs in', async () => {
    const { app, d } = setUp();
    const admin = newSession();
    await signInPicker(app, admin, d.admin.id);
    value(await app.dispatch('saveSignInPolicy', { method: 'mitid', idleLockSeconds: 900 }, admin));
    expect(await app.dispatch('selectUser', { userId: d.admin.id }, newSession())).toMatchObject({ ok: false, error: { code: 'not_allowed', message: 'Arbejdspladsen kræver login med MitID.' } });
    expect(await app.dispatch('signInWithOsAccount', {}, newSession())).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(audit(app, 'access.policy_changed')).toEqual([{ userId: d.admin.id, from: { method: 'picker', idleLockSeconds: 900 }, to: { method: 'mitid', idleLockSeconds: 900 } }]);
  });
});

describe('the idle lock', () => {
  it('locks a session idle for longer than the policy allows: data methods refused, nothing of the user shown, audited; sign-in unlocks', async () => {
    const { app, clock, d } = setUp();
    const session = newSession();
    const jens = d.user('Jens Nielsen').id;
    await signInPicker(app, session, jens);
    clock.advance(14 * MINUTE);
    expect((await app.dispatch('listRecords', { offset: 0, limit: 5 }, session)).ok).toBe(true);
    clock.advance(2 * MINUTE);
    const locked = await app.dispatch('listRecords', { offset: 0, limit: 5 }, session);
    expect(locked).toMatchObject({ ok: false, error: { code: 'session_locked', message: 'Skærmen er låst. Log ind igen for at fortsætte.' } });
    expect(await app.dispatch('getRecord', { id: 1 }, session)).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await app.dispatch('touchSession', {}, session)).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    const view = value(await app.dispatch('getSession', {}, session)) as SessionView;
    expect(view.user).toBeNull();
    expect(view.access.locked).toBe(true);
    expect(audit(app, 'session.locked')).toEqual([{ userId: jens, reason: 'idle' }]);

    await signInPicker(app, session, jens);
    expect((await app.dispatch('listRecords', { offset: 0, limit: 5 }, session)).ok).toBe(true);
    expect(audit(app, 'session.signed_in').at(-1)).toEqual({ userId: jens, method: 'picker', unlocked: true });
  });

  it('reported input keeps the session open; ordinary calls (e.g. polling) do not', async () => {
    const { app, clock, d } = setUp();
    const session = newSession();
    await signInPicker(app, session, d.user('Jens Nielsen').id);
    for (let i = 0; i < 4; i++) {
      clock.advance(10 * MINUTE);
      value(await app.dispatch('touchSession', {}, session));
    }
    expect((await app.dispatch('countUnreadNotifications', {}, session)).ok).toBe(true);
    for (let i = 0; i < 2; i++) {
      clock.advance(10 * MINUTE);
      await app.dispatch('countUnreadNotifications', {}, session);
    }
    expect(await app.dispatch('countUnreadNotifications', {}, session)).toMatchObject({ ok: false, error: { code: 'session_locked' } });
  });

  it('the administrator sets the time; the caseworker can lock at once', async () => {
    const { app, clock, d } = setUp();
    const admin = newSession();
    await signInPicker(app, admin, d.admin.id);
    value(await app.dispatch('saveSignInPolicy', { method: 'picker', idleLockSeconds: 60 }, admin));
    expect(await app.dispatch('saveSignInPolicy', { method: 'picker', idleLockSeconds: 1 }, admin)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const session = newSession();
    await signInPicker(app, session, d.user('Jens Nielsen').id);
    clock.advance(61_000);
    expect(await app.dispatch('listRecords', { offset: 0, limit: 5 }, session)).toMatchObject({ ok: false, error: { code: 'session_locked' } });

    const other = newSession();
    await signInPicker(app, other, d.user('Anne Sørensen').id);
    value(await app.dispatch('lockSession', {}, other));
    expect(await app.dispatch('listRecords', { offset: 0, limit: 5 }, other)).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(audit(app, 'session.locked').map((a) => a.reason)).toEqual(['idle', 'manual']);
  });
});

describe('the kiosk seal', () => {
  async function kioskSession() {
    const s = setUp();
    const admin = newSession();
    await signInPicker(s.app, admin, s.d.admin.id);
    const q = value(
      await s.app.dispatch(
        'saveQuestionnaire',
        {
          title: 'Ansøgning',
          intro: '',
          mitidRequired: false,
          mode: 'new_record',
          workflowId: s.d.workflow.id,
          startStatusId: null,
          completedStatusId: null,
          questions: [{ kind: 'text', label: 'Navn', help: '', required: true, fieldKey: 'navn' }],
        },
        admin,
      ),
    ) as { id: number };
    const run = value(await s.app.dispatch('startQuestionnaireRun', { questionnaireId: q.id }, admin)) as { runId: string };
    return { ...s, session: admin, questionnaireId: q.id, runId: run.runId };
  }

  it('holds the session: only the kiosk methods and sign-in answer, and the idle lock does not hide the citizen\'s form', async () => {
    const { app, clock, session, questionnaireId, runId } = await kioskSession();
    const view = value(await app.dispatch('getSession', {}, session)) as SessionView;
    expect(view.access.kiosk).toEqual({ questionnaireId, recordId: null });
    for (const [method, input] of [
      ['listRecords', { offset: 0, limit: 5 }],
      ['getRecord', { id: 1 }],
      ['getWorkspace', {}],
      ['listQuestionnaires', {}],
      ['saveUser', { name: 'X', initials: 'X', email: '', isAdmin: true, groupIds: [] }],
    ] as const) {
      const result = await app.dispatch(method, input, session);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'not_allowed', message: 'Spørgeskemaet er åbent for borgeren. En sagsbehandler skal logge ind for at forlade det.' } });
    }
    clock.advance(60 * MINUTE);
    expect((await app.dispatch('getQuestionnaireRun', { runId }, session)).ok).toBe(true);
  });

  it('is left only by a sign-in, which is audited; a new MitID cannot be linked from the kiosk', async () => {
    const { app, d, session } = await kioskSession();
    expect(await app.dispatch('beginCaseworkerMitid', { userId: d.user('Lars Pedersen').id }, session)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    await signInPicker(app, session, d.admin.id);
    expect((await app.dispatch('listRecords', { offset: 0, limit: 5 }, session)).ok).toBe(true);
    expect(audit(app, 'session.signed_in').at(-1)).toEqual({ userId: d.admin.id, method: 'picker', leftKiosk: true });
  });
});
