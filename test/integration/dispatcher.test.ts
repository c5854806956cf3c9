import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../src-main/app/session';
import { createDemoRecord, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let session: Session;
let logged: string[];

beforeEach(() => {
  app = open({ seedDemo: true });
  session = demo(app).adminSession();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const CPR_DIGITS = /(?<!\d)\d{6}-?\d{4}(?!\d)/;

describe('unexpected errors', () => {
  it('become "internal" with a generic message, logged with CPR numbers redacted', async () => {
    const record = await createDemoRecord(app, session);
    // A failure the domain did not foresee, carrying a CPR number in its text.
    app.services.db.exec("CREATE TRIGGER explode BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'constraint broke for 0101901234 and 020290-5678'); END");
    const result = await app.dispatch('updateRecord', { id: record.id, version: record.version, values: { adresse: 'Ny vej 1' } }, session);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'something went wrong; the error has been logged' } });
    expect(logged).toHaveLength(1);
    const line = logged[0] ?? '';
    expect(line).toContain('[updateRecord]');
    expect(line).toContain('010190-****');
    expect(line).toContain('020290-****');
    expect(line).not.toMatch(CPR_DIGITS);
    // The app still answers.
    expect((await app.dispatch('getRecord', { id: record.id }, session)).ok).toBe(true);
  });

  it('a thrown non-Error value is handled the same way', async () => {
    vi.spyOn(app.services.users, 'listUsers').mockImplementation(() => {
      throw 'plain string with 0101901234';
    });
    const result = await app.dispatch('listUsers', {}, session);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged.join('\n')).toContain('010190-****');
    expect(logged.join('\n')).not.toMatch(CPR_DIGITS);
  });
});

describe('domain errors', () => {
  it('never carry a CPR number in their message, even when the input held one', async () => {
    const attempts = [
      // A group name clash echoes the name.
      async () => {
        value(await app.dispatch('saveGroup', { name: 'Team 0101901234' }, session));
        return app.dispatch('saveGroup', { name: 'Team 0101901234' }, session);
      },
      // A missing CSV column echoes the header.
      () => app.dispatch('runCsvImport', { csv: 'Navn\nA\n', workflowId: demo(app).workflow.id, mapping: { '010190-1234': 'navn' } }, session),
      // An import naming an unknown responsible echoes the name.
      async () => {
        const file = JSON.parse((value(await app.dispatch('exportWorkspace', {}, session)) as { json: string }).json) as {
          workflows: { statuses: { actions: unknown[] }[] }[];
        };
        file.workflows[0]?.statuses[0]?.actions.push({
          type: 'assign_responsible',
          name: 'x',
          params: { fieldKey: 'sagsbehandler', targetName: '0101901234' },
          enabled: true,
          sortOrder: 0,
        });
        return app.dispatch('importWorkspace', { json: JSON.stringify(file) }, session);
      },
      // Status names with CPR numbers in a refused transition.
      async () => {
        const wf = value(await app.dispatch('saveWorkflow', { name: 'Flow 0101901234', description: '', initialStatusId: null }, session)) as { id: number };
        // The first status becomes the initial one; there is no transition A → B.
        value(await app.dispatch('saveStatus', { workflowId: wf.id, name: 'A 0101901234', color: '#000000', isFinal: false, sortOrder: 0 }, session));
        const b = value(
          await app.dispatch('saveStatus', { workflowId: wf.id, name: 'B 020290-5678', color: '#000000', isFinal: false, sortOrder: 1 }, session),
        ) as { id: number };
        const record = value(await app.dispatch('createRecord', { workflowId: wf.id, values: { navn: 'x' } }, session)) as { id: number; version: number };
        return app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: b.id, comment: '' }, session);
      },
    ];
    for (const attempt of attempts) {
      const result = await attempt();
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).not.toBe('internal');
      expect(JSON.stringify(result.error)).not.toMatch(CPR_DIGITS);
      expect(result.error.message).toMatch(/\d{6}-\*\*\*\*/);
    }
    expect(logged).toEqual([]);
  });

  it('unknown methods, including prototype names, are not found', async () => {
    for (const method of ['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '']) {
      expect(await app.dispatch(method, {}, session)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('invalid input names the offending path', async () => {
    const result = await app.dispatch('listRecords', { offset: 0, limit: 10_000 }, session);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toContain('limit');
  });
});
