// Issue 13: "the app talks only to simulators it started". Another program holds
// the sandbox's default ports 4010, 4020 and 4030 (a recording server here). The
// web host's own wiring starts the app and its simulators; a Digital Post letter,
// a caseworker's MitID sign-in and a citizen's signature all go through, and the
// squatter receives nothing. (This test must bind the fixed ports: that is its point.)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Session } from '../../../src-main/app/session';
import type { MethodInput, MethodName, MethodResults } from '../../../src-main/contract';
import { EXAMPLE_LETTER } from '../../../src-main/contract/document-example';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { startWebHost, type WebHost } from '../../../src-main/web/web-host';
import { playBrowser } from '../helpers/mitid-browser';
import { demo, value } from '../helpers/test-app';
import { SigningPageVisitor } from '../signing/fixtures';

const SQUATTED = [4010, 4020, 4030];
const karen = TEST_CITIZENS[0]!;

interface Squatter {
  port: number;
  /** False when another process already held the port: then we cannot listen in, only check the app stayed away. */
  ours: boolean;
  hits: string[];
  server: Server | null;
}

async function squat(port: number): Promise<Squatter> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const ours = await new Promise<boolean>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  return { port, ours, hits, server: ours ? server : null };
}

/** Waits for a condition the app reaches on its own (job runner, outbox sender, signing worker). */
async function eventually<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const got = await probe();
    if (got) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

let squatters: Squatter[];
let host: WebHost;
let dataDir: string;
beforeAll(async () => {
  squatters = await Promise.all(SQUATTED.map(squat));
  dataDir = mkdtempSync(join(tmpdir(), 'caseworker-squat-'));
  // As `npm run web` with a fixed web port: the simulators try their default ports.
  host = await startWebHost({ dataDir, staticDir: join(dataDir, 'no-static'), port: 0, seedDemo: true, ephemeralSandboxPorts: false });
});
afterAll(async () => {
  await host?.close();
  await Promise.all(squatters.map((s) => new Promise<void>((r) => (s.server ? s.server.close(() => r()) : r()))));
  rmSync(dataDir, { recursive: true, force: true });
});

it('moves every simulator off a taken default port, shows the real addresses, and the squatter receives nothing', { timeout: 180_000 }, async () => {
  const app = host.app;
  const d = demo(app);
  const session: Session = d.adminSession();
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResults[M]> =>
    value(await app.dispatch(method, input, session)) as MethodResults[M];

  // The sandbox overview: all three running, none on its default port, the move reported.
  const dpUrl = await eventually('the Digital Post sandbox', async () => (await call('getSandboxServices', {})).find((s) => s.name === 'digital-post')?.url);
  const overview = await call('getSandboxServices', {});
  expect(overview.map((s) => s.name).sort()).toEqual(['digital-post', 'mitid', 'signatures']);
  for (const s of overview) {
    expect(s.url, s.name).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(Number(new URL(s.url!).port), s.name).not.toBe(s.defaultPort);
    expect(s.movedFromDefaultPort, s.name).toBe(true);
  }
  const urlOf = (name: string) => overview.find((s) => s.name === name)!.url!;

  // 1. A caseworker signs in with MitID (Erhverv): the browser is sent to the app's own MitID sandbox.
  const begun = await call('beginCaseworkerMitid', { userId: d.admin.id, business: true });
  expect(new URL(begun.authorizationUrl).origin).toBe(new URL(urlOf('mitid')).origin);
  expect((await call('getMitidSetup', {})).issuer).toBe(urlOf('mitid'));
  await playBrowser(begun.authorizationUrl, { citizenUuid: karen.uuid });
  const signedIn = await eventually('the MitID sign-in', async () => {
    const v = await call('getCaseworkerMitid', { loginId: begun.loginId });
    return v.status === 'pending' ? null : v;
  });
  expect(signedIn.status).toBe('signed_in');

  // 2. A signature request: order at the app's Signatures sandbox, link sent by Digital Post to its sandbox.
  const template = await call('saveDocumentTemplate', { name: 'Aftale om tilskud', definition: { ...EXAMPLE_LETTER, title: 'Aftale til underskrift' } });
  await call('saveStatusAction', {
    statusId: d.status('Afventer underskrift').id,
    type: 'request_signature',
    name: 'Send aftale til underskrift',
    params: {
      templateId: template.id,
      cprFieldKey: null,
      title: 'Aftale om tilskud',
      message: 'Underskriv aftalen',
      signedStatusId: d.status('Afsluttet').id,
      rejectedStatusId: d.status('Under behandling').id,
      expiredStatusId: d.status('Under behandling').id,
    },
    enabled: true,
    sortOrder: 5,
  });
  const record = await call('createRecord', { workflowId: d.workflow.id, values: { navn: 'Karen Holm', cpr: karen.cpr } });
  const toStatus = async (name: string) => {
    const current = await call('getRecord', { id: record.id });
    await call('changeStatus', { id: record.id, version: current.version, toStatusId: d.status(name).id, comment: '' });
  };
  await toStatus('Under behandling');
  await toStatus('Afventer underskrift');
  const request = await eventually('the signing link', async () => {
    const [r] = await call('listSigningRequests', { recordId: record.id });
    return r?.signingHref && r.letterMessageId ? r : null;
  });
  const signingHref = new URL(request.signingHref!);
  expect(signingHref.port).not.toBe('4021');

  // The letter reached the app's own Digital Post sandbox (its citizen mailbox lists it).
  await eventually('the letter delivered', async () => {
    const outbox = await call('getOutbox', {});
    return outbox.counts.delivered + (outbox.counts.read ?? 0) >= 1;
  });
  const mailbox = await (await fetch(`${dpUrl.replace(/\/apis\/v1$/, '')}/mailbox/${karen.cpr}`)).text();
  expect(mailbox).toContain('Aftale');

  // The citizen signs (over the sandbox's plain-http port: same pages, no self-signed certificate to trust).
  const page = new SigningPageVisitor(`${new URL(urlOf('signatures')).origin}${signingHref.pathname}`);
  expect((await page.loginAndSign(karen.uuid)).html).toContain('Dokumentet er underskrevet');
  await call('refreshSigningRequests', { recordId: record.id });
  const done = await eventually('the signature completed', async () => {
    const [r] = await call('listSigningRequests', { recordId: record.id });
    return r?.state === 'completed' ? r : null;
  });
  expect(done.hasSignedPdf).toBe(true);
  expect((await call('getRecord', { id: record.id })).statusId).toBe(d.status('Afsluttet').id);

  // 3. Nothing went to the programs on the default ports.
  for (const s of squatters) {
    if (s.ours) expect(s.hits, `port ${s.port}`).toEqual([]);
  }
  expect(squatters.some((s) => s.ours)).toBe(true);
});
