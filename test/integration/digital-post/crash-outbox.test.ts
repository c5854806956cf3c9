// Crash test of the Digital Post outbox: 1,000 queued letters are sent to the
// sandbox by `outbox send` processes that are SIGKILLed at random moments and
// restarted until the outbox is empty. The sandbox must then hold every letter
// exactly once: no loss (every messageUUID arrived) and no duplicate (a repeated
// POST of the same messageUUID never makes a second letter). The two runs
// (without and with faults) are independent, each with its own store and
// sandbox, and run at the same time. Run alone with `npm run test:crash-outbox`.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import { DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema } from '../../../src-main/digital-post/settings';
import { startDigitalPostSandbox, type RunningDigitalPostSandbox } from '../../../src-main/sandbox/digital-post/digital-post-simulator';
import type { Faults } from '../../../src-main/sandbox/digital-post/faults';
import { pdfBytes } from './dp-helpers';

const ROOT = resolve(import.meta.dirname, '../../..');
const MESSAGES = 1000;
type Cleanups = (() => Promise<void> | void)[];

function prepareOutbox(cleanups: Cleanups): string {
  const dir = mkdtempSync(join(tmpdir(), 'caseworker-crash-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const app = openApp({ dataDir: dir, settings: new MemorySettingsStore({ language: 'en' }), secrets: new EnvSecretStore({}), transport: 'cli', seedDemo: false });
  const { services } = app;
  services.integrationSettings.write(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema, {
    concurrency: 8,
    requestTimeoutSeconds: 1,
    retryBaseSeconds: 0.05,
    maxAttempts: 100,
  });
  const cprs = ['0101801234', '1502651235', '2207924321', '0905034562'];
  services.db.transaction(() => {
    for (let i = 0; i < MESSAGES; i++) {
      services.digitalPost.outbox.queue({
        recordId: null,
        recipientCpr: cprs[i % cprs.length] as string,
        subject: `Brev ${i}`,
        mainDocument: { fileName: `brev-${i}.pdf`, content: pdfBytes(`letter ${i}`) },
        idempotencyKey: `crash-${i}`,
      });
    }
  })();
  void app.close();
  return join(dir, 'caseworker.sqlite');
}

/** One `outbox send` process; killed with SIGKILL `killAfterMs` after it announced itself, or left to finish. */
function runSender(dbFile: string, sandboxUrl: string, killAfterMs: number | null): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', '--db', dbFile, 'outbox', 'send', '--sandbox-url', sandboxUrl, '--wait', '60'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      if (killAfterMs !== null && timer === null && /to send\./.test(chunk.toString())) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.resume();
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ killed: signal === 'SIGKILL', code });
    });
  });
}

function outboxLeft(dbFile: string): { waiting: number; uuids: string[]; states: Record<string, number> } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const states = Object.fromEntries(
      (db.prepare('SELECT state, count(*) AS n FROM digital_post_messages GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    );
    const uuids = db.prepare('SELECT message_uuid FROM digital_post_messages').pluck().all() as string[];
    return { waiting: (states.queued ?? 0) + (states.sending ?? 0) + (states.awaiting_receipt ?? 0), uuids, states };
  } finally {
    db.close();
  }
}

async function crashUntilEmpty(faults: Partial<Faults>, cleanups: Cleanups) {
  const dbFile = prepareOutbox(cleanups);
  const sim: RunningDigitalPostSandbox = await startDigitalPostSandbox({ port: 0 });
  cleanups.push(() => sim.close());
  sim.setFaults({ deliveryDelayMs: 0, ...faults });
  let kills = 0;
  let runs = 0;
  const started = Date.now();
  for (;;) {
    runs += 1;
    // Kill during the first dozen runs, then let one run finish.
    const killAfter = runs <= 12 ? Math.floor(Math.random() * 400) : null;
    const r = await runSender(dbFile, sim.url, killAfter);
    if (r.killed) kills += 1;
    const left = outboxLeft(dbFile);
    if (process.env.CRASH_VERBOSE) console.log(runs, Date.now() - started, r, JSON.stringify(left.states), sim.state.totalPosts);
    if (left.waiting === 0) break;
    if (runs > 30) throw new Error(`outbox not empty after ${runs} runs: ${JSON.stringify(left.states)}`);
  }
  const left = outboxLeft(dbFile);
  const letters = sim.state.letters;
  const repeatedPosts = [...letters.values()].reduce((n, l) => n + l.posts - 1, 0);
  console.log(JSON.stringify({ test: 'crash-outbox', faults, runs, kills, letters: letters.size, totalPosts: sim.state.totalPosts, repeatedPosts, states: left.states }));
  return { left, letters, kills };
}

describe.concurrent('Digital Post outbox under SIGKILL', () => {
  // Each test cleans up only its own store and sandbox (the two run at once).
  const cleaningUp = (onTestFinished: (fn: () => Promise<void>) => void): Cleanups => {
    const cleanups: Cleanups = [];
    onTestFinished(async () => {
      while (cleanups.length) await cleanups.pop()?.();
    });
    return cleanups;
  };

  it('delivers 1,000 letters exactly once while the sender is killed and restarted', async ({ onTestFinished }) => {
    const { left, letters, kills } = await crashUntilEmpty({}, cleaningUp(onTestFinished));
    expect(kills).toBeGreaterThan(0);
    expect(letters.size).toBe(MESSAGES);
    expect(new Set(left.uuids)).toEqual(new Set(letters.keys()));
    expect((left.states.accepted ?? 0) + (left.states.delivered ?? 0)).toBe(MESSAGES);
  }, 600_000);

  it('does the same with injected 5xx, 429, timeouts and connection resets', async ({ onTestFinished }) => {
    const faults = { error5xxRate: 0.1, rate429: 0.05, timeoutRate: 0.03, resetRate: 0.03, timeoutHoldMs: 3000 };
    const { left, letters, kills } = await crashUntilEmpty(faults, cleaningUp(onTestFinished));
    expect(kills).toBeGreaterThan(0);
    expect(letters.size).toBe(MESSAGES);
    expect(new Set(left.uuids)).toEqual(new Set(letters.keys()));
    expect((left.states.accepted ?? 0) + (left.states.delivered ?? 0)).toBe(MESSAGES);
  }, 600_000);
});
