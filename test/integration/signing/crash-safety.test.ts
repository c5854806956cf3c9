import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { insertSigningRequest } from '../../../src-main/signing/signing-request-row';
import { signaturesSettingsSchema } from '../../../src-main/signing/signing-settings';
import { openDatabase } from '../../../src-main/store/database';
import { createDemoRecord, demo, useTestApps } from '../helpers/test-app';

// Really kills an app process (SIGKILL: no cleanup, no finally) at the two
// dangerous points and restarts it: exactly one order, exactly one letter.
let sandbox: RunningSignaturesSandbox;
beforeAll(async () => {
  sandbox = await createSignaturesSimulator().start({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
const apps = useTestApps();
const CHILD = resolve(import.meta.dirname, 'crash-child.ts');

/** Runs the child asynchronously: the sandbox it calls lives in this process's event loop. */
function runChild(dataDir: string, requestId: number, crashAt = ''): Promise<{ signal: string | null; status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, DATA_DIR: dataDir, REQUEST_ID: String(requestId), CRASH_AT: crashAt },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      done({ signal, status, stdout, stderr });
    });
  });
}

async function prepare() {
  const dataDir = apps.tempDir();
  const app = apps.open({ dataDir });
  const d = demo(app);
  const record = await createDemoRecord(app, d.adminSession(), { cpr: TEST_CITIZENS[0]!.cpr });
  app.services.integrationSettings.write('signatures', signaturesSettingsSchema, { endpoint: sandbox.url });
  const id = insertSigningRequest(app.services.db, {
    recordId: record.id, jobId: null, idempotencyKey: `crash-test-${record.id}`, templateId: 1, signerCpr: TEST_CITIZENS[0]!.cpr,
    title: 'Aftale', message: '', signedStatusId: null, rejectedStatusId: null, expiredStatusId: null, caseworkerUserId: null, now: Date.now(),
  });
  const reference = app.services.db.prepare('SELECT reference FROM signing_requests WHERE id = ?').pluck().get(id) as string;
  await app.close();
  return { dataDir, id, reference };
}

function inspect(dataDir: string, id: number) {
  const { db } = openDatabase(join(dataDir, 'caseworker.sqlite'));
  try {
    const row = db.prepare('SELECT state, order_id, signing_href FROM signing_requests WHERE id = ?').get(id) as { state: string; order_id: string | null; signing_href: string | null };
    const hasOutbox = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'test_outbox'").pluck().get() === 1;
    const letters = hasOutbox ? (db.prepare('SELECT idempotency_key, url FROM test_outbox').all() as { idempotency_key: string; url: string }[]) : [];
    return { ...row, letters };
  } finally {
    db.close();
  }
}

const ordersWith = (reference: string) =>
  sandbox.store.list('sandbox-signatures', null).filter((o) => o.signatories.some((s) => s.reference === reference));

describe('crash safety of signing requests (real SIGKILL of a child process)', () => {
  it('killed between "order created" and "link sent": the restart sends exactly one link for exactly one order', async () => {
    const { dataDir, id, reference } = await prepare();
    const crashed = await runChild(dataDir, id, 'after_order_created');
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    const afterCrash = inspect(dataDir, id);
    expect(afterCrash.state).toBe('order_created');
    expect(afterCrash.order_id).toBeTruthy();
    expect(afterCrash.letters).toHaveLength(0);

    const restarted = await runChild(dataDir, id);
    expect(restarted.status, restarted.stderr).toBe(0);
    expect(restarted.stdout).toContain('state=awaiting_signature');
    const final = inspect(dataDir, id);
    expect(final.order_id).toBe(afterCrash.order_id);
    expect(final.letters).toHaveLength(1);
    expect(final.letters[0]!.url).toBe(final.signing_href);
    expect(ordersWith(reference)).toHaveLength(1);

    // A third start does nothing new.
    expect((await runChild(dataDir, id)).status).toBe(0);
    expect(inspect(dataDir, id).letters).toHaveLength(1);
    expect(ordersWith(reference)).toHaveLength(1);
  });

  it('killed after Idura created the order but before its id was stored: the restart adopts that order instead of creating a second', async () => {
    const { dataDir, id, reference } = await prepare();
    const crashed = await runChild(dataDir, id, 'after_remote_create');
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    const afterCrash = inspect(dataDir, id);
    expect(afterCrash.state).toBe('creating_order');
    expect(afterCrash.order_id).toBeNull();
    expect(ordersWith(reference)).toHaveLength(1);

    const restarted = await runChild(dataDir, id);
    expect(restarted.status, restarted.stderr).toBe(0);
    const final = inspect(dataDir, id);
    expect(final.state).toBe('awaiting_signature');
    expect(ordersWith(reference)).toHaveLength(1);
    expect(final.order_id).toBe(ordersWith(reference)[0]!.id);
    expect(final.letters).toHaveLength(1);
    expect(final.letters[0]!.url).toBe(final.signing_href);
  });
});
