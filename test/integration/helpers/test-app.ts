// Shared set-up for integration tests: a real SQLite file in a temp folder,
// opened through the same openApp() every host uses, with a clock the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import type { Session } from '../../../src-main/app/session';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import type { RecordDetail, Result, StatusDef, UserView, WorkflowDef } from '../../../src-main/contract';
import type { Clock } from '../../../src-main/shared/clock';
import type { Db } from '../../../src-main/store/database';

export type TestApp = ReturnType<typeof openApp>;

export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A clock that only moves when the test says so. */
export function manualClock(start = Date.UTC(2026, 2, 2, 9, 0, 0)): ManualClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/**
 * Registers cleanup for this test file and returns helpers that open apps on
 * temp folders; every app is closed and every folder removed after each test.
 */
export function useTestApps() {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'caseworker-test-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  const open = (options: { dataDir?: string; seedDemo?: boolean; clock?: Clock; osAccount?: () => string; language?: 'da' | 'en' } = {}): TestApp => {
    const app = openApp({
      dataDir: options.dataDir ?? tempDir(),
      settings: new MemorySettingsStore({ language: options.language ?? 'en' }),
      secrets: new EnvSecretStore({}),
      transport: 'cli',
      seedDemo: options.seedDemo ?? true,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.osAccount ? { osAccount: options.osAccount } : {}),
    });
    cleanups.push(() => app.close());
    return app;
  };

  return { tempDir, open };
}

export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`test set-up: ${what} not found`);
  return value;
}

/** The value of a successful Result, or a thrown error naming the failure. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export const count = (db: Db, table: string, where = '1', ...args: unknown[]): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;

/** Looks up the sandbox demo workspace by its Danish names. */
export function demo(app: TestApp) {
  const ws = app.services.workspace.snapshot();
  const workflow: WorkflowDef = must(
    ws.workflows.find((w) => w.name === 'Ansøgning om tilskud'),
    'demo workflow',
  );
  const status = (name: string): StatusDef => must(workflow.statuses.find((s) => s.name === name), `status ${name}`);
  const users = app.services.users.listUsers();
  const user = (name: string): UserView => must(users.find((u) => u.name === name), `user ${name}`);
  const group = (name: string) => must(app.services.users.listGroups().find((g) => g.name === name), `group ${name}`);
  const admin = must(users.find((u) => u.isAdmin), 'admin user');
  const field = (key: string) => must(ws.fieldsByKey.get(key), `field ${key}`);
  return { workflow, status, user, group, admin, field, adminSession: (): Session => ({ userId: admin.id }) };
}

/** A fresh record in the demo workflow, created the way a caseworker does. */
export async function createDemoRecord(app: TestApp, session: Session, values: Record<string, string | null> = {}) {
  const { workflow } = demo(app);
  const input = { workflowId: workflow.id, values: { navn: 'Test Person', ...values } };
  return value(await app.dispatch('createRecord', input, session)) as RecordDetail;
}

/** The ids of the records CSV imports made, in order (an import's answer is a summary without them). */
export const csvImportedIds = (app: TestApp): number[] =>
  app.services.db
    .prepare("SELECT record_id FROM audit_log WHERE action = 'record.created' AND json_extract(details, '$.via') = 'csv import' ORDER BY record_id")
    .pluck()
    .all() as number[];
