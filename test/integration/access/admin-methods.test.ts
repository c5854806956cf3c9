// A non-admin session is refused by every administrator method, on every
// transport. The list comes from the contract's own METHOD_ACCESS, so a new
// admin method is covered the moment it is declared.
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newSession, type Session } from '../../../src-main/app/session';
import { ADMIN_METHODS, ipcChannel, METHOD_ACCESS, METHOD_NAMES, methodInputs, PERMISSION_METHODS, type MethodName, type Result } from '../../../src-main/contract';
import { EXAMPLE_LETTER } from '../../../src-main/contract';
import { registerIpc, type IpcOptions } from '../../../src-main/shell/ipc';
import { startWebServer } from '../../../src-main/web/web-server';
import { jsonSchemaOf, sample } from '../helpers/schema-fuzz';
import { demo, useTestApps, value, type TestApp } from '../helpers/test-app';

const { open, tempDir } = useTestApps();

/** A schema-valid input, so the refusal cannot be an input error. */
const validInput = (method: MethodName): unknown => sample(jsonSchemaOf(methodInputs[method]));
const totalChanges = (app: TestApp) => app.services.db.prepare('SELECT total_changes()').pluck().get() as number;

const DANISH_ADMIN_ONLY = 'Kun en administrator må gøre dette';

describe('the contract marks administrator methods', () => {
  it('every method has an access entry, and the admin list holds the workspace, integration and access settings', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of ['saveField', 'saveUser', 'importWorkspace', 'saveMitidSettings', 'saveDigitalPostSettings', 'saveSignaturesSettings', 'saveSignInPolicy', 'saveUserPermissions', 'changeStatusOverridingGuards'] as const) {
      expect(ADMIN_METHODS).toContain(m);
    }
    expect(ADMIN_METHODS).not.toContain('listRecords');
    expect(PERMISSION_METHODS).toEqual([{ method: 'sendMailing', permission: 'send_mailings' }]);
  });
});

describe('a non-admin session', () => {
  it.each(ADMIN_METHODS)('is refused by %s through the dispatcher, in Danish, and nothing is written', async (method) => {
    const app = open({ seedDemo: true, language: 'da' });
    const jens: Session = { userId: demo(app).user('Jens Nielsen').id };
    const before = totalChanges(app);
    const result = await app.dispatch(method, validInput(method), jens);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    if (!result.ok) expect(result.error.message).toContain(DANISH_ADMIN_ONLY);
    expect(totalChanges(app)).toBe(before);
  });

  it('is refused by every admin method over Electron IPC', async () => {
    const app = open({ seedDemo: true, language: 'da' });
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<Result<unknown>>>();
    const ipcMain = { handle: (c: string, h: never) => void handlers.set(c, h), removeHandler: (c: string) => void handlers.delete(c) };
    const APP_URL = 'app://caseworker/index.html';
    const dispose = registerIpc({
      ipcMain: ipcMain as unknown as IpcOptions['ipcMain'],
      app,
      location: { isAppPage: (url: string) => url === APP_URL } as unknown as IpcOptions['location'],
      targets: () => [],
    });
    const sender = { id: 1, once: () => undefined };
    const invoke = (method: MethodName, input: unknown) => handlers.get(ipcChannel(method))!({ sender, senderFrame: { url: APP_URL, parent: null } }, input);
    value(await invoke('selectUser', { userId: demo(app).user('Jens Nielsen').id }));
    const before = totalChanges(app);
    for (const method of ADMIN_METHODS) {
      const result = await invoke(method, validInput(method));
      expect(result, method).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      if (!result.ok) expect(result.error.message, method).toContain(DANISH_ADMIN_ONLY);
    }
    expect(totalChanges(app)).toBe(before);
    dispose();
  });

  it('is refused by every admin method over the web transport', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'web'));
    writeFileSync(join(root, 'web', 'index.html'), '<!doctype html>');
    const app = open({ dataDir: join(root, 'data'), seedDemo: true, language: 'da' });
    const server = await startWebServer({ app, staticDir: join(root, 'web') });
    try {
      const call = async (method: string, input: unknown) => {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'x-client-id': 'client-jens-0001', 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        return (await res.json()) as Result<unknown>;
      };
      value(await call('selectUser', { userId: demo(app).user('Jens Nielsen').id }));
      const before = totalChanges(app);
      for (const method of ADMIN_METHODS) {
        const result = await call(method, validInput(method));
        expect(result, method).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
        if (!result.ok) expect(result.error.message, method).toContain(DANISH_ADMIN_ONLY);
      }
      expect(totalChanges(app)).toBe(before);
    } finally {
      await server.close();
    }
  });

  it('and the same calls from the administrator pass the access check', async () => {
    const app = open({ seedDemo: true, language: 'da' });
    const admin = demo(app).adminSession();
    for (const method of ADMIN_METHODS) {
      // The handler may still refuse the sample (e.g. an unknown id), but never as "administrators only".
      const result = await app.dispatch(method, validInput(method), { ...admin });
      if (!result.ok) expect(result.error.message, method).not.toContain(DANISH_ADMIN_ONLY);
    }
  });

  it('without a sign-in, every method but the open ones asks for a sign-in', async () => {
    const app = open({ seedDemo: true });
    for (const method of METHOD_NAMES) {
      if (METHOD_ACCESS[method] === 'open') continue;
      const result = await app.dispatch(method, validInput(method), newSession());
      expect(result, method).toMatchObject({ ok: false, error: { code: 'no_user_selected' } });
    }
  });
});

describe('the permission to send mailings', () => {
  it('is needed to send a mailing (preparing only renders), and the administrator grants and withdraws it', async () => {
    const app = open({ seedDemo: true, language: 'da' });
    const d = demo(app);
    const admin = d.adminSession();
    const anne: Session = { userId: d.user('Anne Sørensen').id };
    const template = { id: app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, d.admin.id) };
    const mailing = value(await app.dispatch('createMailing', { name: 'Alle afviste', templateId: template.id, filter: { statusId: d.status('Afvist').id } }, anne)) as { id: number };
    await app.services.mailings.prepare(mailing.id, anne.userId!);
    const { fingerprint } = app.services.mailings.sendSummary(mailing.id);

    const refused = await app.dispatch('sendMailing', { id: mailing.id, confirmation: fingerprint }, anne);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    if (!refused.ok) expect(refused.error.message).toContain('Sende masseforsendelser');
    expect(app.services.db.prepare("SELECT count(*) FROM mailing_items WHERE state = 'queued'").pluck().get()).toBe(0);
    expect(app.services.db.prepare('SELECT count(*) FROM digital_post_messages').pluck().get()).toBe(0);

    // Only an administrator grants it.
    expect(await app.dispatch('saveUserPermissions', { userId: anne.userId!, permissions: ['send_mailings'] }, anne)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    value(await app.dispatch('saveUserPermissions', { userId: anne.userId!, permissions: ['send_mailings'] }, admin));
    const session = value(await app.dispatch('getSession', {}, anne)) as { access: { permissions: string[] } };
    expect(session.access.permissions).toEqual(['send_mailings']);
    expect(await app.dispatch('sendMailing', { id: mailing.id, confirmation: fingerprint }, anne)).toMatchObject({ ok: true });
    for (let i = 0; i < 200 && app.services.mailings.view(mailing.id).state !== 'sent'; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(app.services.mailings.view(mailing.id).state).toBe('sent');

    value(await app.dispatch('saveUserPermissions', { userId: anne.userId!, permissions: [] }, admin));
    expect(await app.dispatch('sendMailing', { id: mailing.id, confirmation: fingerprint }, anne)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    const audit = app.services.db.prepare("SELECT details FROM audit_log WHERE action = 'user.permissions_changed' ORDER BY id").pluck().all() as string[];
    expect(audit.map((a) => JSON.parse(a) as unknown)).toEqual([
      { profileId: anne.userId, permissions: ['send_mailings'] },
      { profileId: anne.userId, permissions: [] },
    ]);
  });
});
