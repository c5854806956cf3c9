import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignaturesSimulator, SANDBOX_SIGNATURES_CREDENTIALS, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { smallPdf } from '../signing/fixtures';
import { startReceiver, type Receiver } from './helpers';

// Idura's own documented Node SDK examples (criipto/docs src/examples/**.node.ts,
// copied unchanged into test/fixtures/idura-examples), run with the official
// @criipto/signatures SDK against the sandbox over real HTTP.
const EXAMPLES = join(__dirname, '../../fixtures/idura-examples');

/** Examples the sandbox answers with "not supported by the Sandbox: <what>" (listed in docs/signatures.md). */
const NOT_SUPPORTED: Record<string, string> = {};
/** Examples that ask for Swedish/Norwegian BankID, which the sandbox's MitID-only tenant refuses as Idura does. */
const TENANT_REFUSES: string[] = ['createSignatureOrder/criiptoVerifyOptions', 'addSignatory/overrideEvidenceProviderSettings'];

function list(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? list(path) : name.endsWith('.node.ts.txt') ? [path] : [];
  });
}

interface ExampleGlobals {
  clientId: string;
  clientSecret: string;
  endpoint: string;
  pdf: Buffer;
  webhookUrl: string;
  log: (...args: unknown[]) => void;
}
declare global {
  var __iduraExample: ExampleGlobals;
}

/** Only the placeholders the examples ask to replace, and console.log. */
function prepare(source: string): string {
  const g = 'globalThis.__iduraExample';
  const out = source
    .replace(
      "new CriiptoSignatures('{YOUR_CRIIPTO_CLIENT_ID}', '{YOUR_CRIIPTO_CLIENT_SECRET}')",
      `new CriiptoSignatures(${g}.clientId, ${g}.clientSecret, { endpoint: ${g}.endpoint })`,
    )
    .replaceAll("Buffer.from('...')", `${g}.pdf`)
    .replaceAll("'https://httpbin.org/post'", `${g}.webhookUrl`)
    .replaceAll('console.log(', `${g}.log(`);
  if (out.includes('{YOUR_CRIIPTO_CLIENT_ID}')) throw new Error('constructor line not found');
  return out;
}

let sandbox: RunningSignaturesSandbox;
const latest = () => sandbox.store.list(SANDBOX_SIGNATURES_CREDENTIALS.clientId, null)[0]!;

/** What some examples must have changed at the sandbox, beyond not failing. */
const EFFECTS: Record<string, () => void> = {
  'addSignatory/signatoryRole': () => expect(latest().signatories.map((s) => s.signatoryRole)).toEqual(['APPROVER', 'SIGNER']),
  'addSignatory/signingSequence': () => expect(latest().signatories[0]!.signingSequence).toBe(10),
  'addSignatory/ui': () => {
    expect(latest().ui.language).toBe('DA_DK');
    expect(latest().signatories[0]!.ui).toMatchObject({ language: 'SV_SE', signatoryRedirectUri: 'http://example.com' });
  },
  'addSignatory/documents': () => expect(latest().signatories[0]!.documents.map((d) => d.documentId)).toEqual([latest().documents[1]!.id]),
  'addSignatory/sealPositionScaled': () => expect(latest().signatories[0]!.documents[0]!.sealPositions).toEqual([{ page: 1, x: 15, y: 15, scale: 0.7 }]),
  'addSignatories/basic': () => expect(latest().signatories.map((s) => s.reference)).toEqual(['A', 'B']),
  'changeSignatory/drawable': () => {
    const order = latest();
    expect(sandbox.store.enabledProviders(order, order.signatories[0]!).map((p) => p.kind)).toEqual(['drawable']);
  },
  'changeSignatureOrder/basic': () => expect(latest().maxSignatories).toBe(20),
  'cancelSignatureOrder/basic': () => expect(latest().status).toBe('CANCELLED'),
  'closeSignatureOrder/basic': () => expect(latest().status).toBe('CLOSED'),
  'closeSignatureOrder/retention': () => expect(latest().retainUntil).not.toBeNull(),
  'createSignatureOrder/uniqueEvidenceKey': () => expect(latest().evidenceProviders[0]).toMatchObject({ kind: 'criiptoVerify', uniqueEvidenceKey: 'sub' }),
  'createSignatureOrder/ui': () => expect(latest().ui.logo).toEqual({ src: 'https://www.criipto.com/hubfs/logo.svg', href: 'https://www.criipto.com' }),
  'createSignatureOrder/webhook/basic': () => expect(receiver.requests.some((r) => JSON.parse(r.body).event === 'WEBHOOK_VALIDATION')).toBe(true),
  'createSignatureOrder/webhook/secret': () => expect(receiver.requests.at(-1)!.headers['x-criipto-signature']).toBeTruthy(),
  'createSignatureOrder/composite-allOf': () =>
    expect(latest().evidenceProviders.map((p) => (p.kind === 'allOf' ? p.providers.map((x) => x.kind) : p.kind))).toEqual([['criiptoVerify', 'drawable']]),
  'validateDocument/basic': () => expect(logs0()).toEqual([true, [], null]),
};
let lastLogs: unknown[][] = [];
const logs0 = () => lastLogs.flat();
let receiver: Receiver;
let workDir: string;
const files = list(EXAMPLES).sort();

beforeAll(async () => {
  sandbox = await createSignaturesSimulator().start({ port: 0 });
  receiver = await startReceiver();
  // Inside the repo, so the examples' `import '@criipto/signatures'` resolves to our node_modules.
  workDir = join(__dirname, '../../../node_modules/.cache', `idura-examples-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
});
afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("Idura's documented Node SDK examples against the sandbox", () => {
  it('finds all 38', () => {
    expect(files).toHaveLength(38);
    expect(Object.keys(NOT_SUPPORTED)).toEqual([]); // every "not supported" example is listed in docs/signatures.md
  });

  for (const file of files) {
    const name = relative(EXAMPLES, file).replace(/\.node\.ts\.txt$/, '');
    it(name, async () => {
      const logs: unknown[][] = [];
      globalThis.__iduraExample = {
        ...SANDBOX_SIGNATURES_CREDENTIALS,
        endpoint: sandbox.url,
        pdf: Buffer.from(await smallPdf(`Example ${name}`)),
        webhookUrl: receiver.url,
        log: (...args) => logs.push(args),
      };
      lastLogs = logs;
      const target = join(workDir, `${name.replace(/\//g, '__')}.mts`);
      writeFileSync(target, prepare(readFileSync(file, 'utf8')));
      const run = import(pathToFileURL(target).href);
      if (NOT_SUPPORTED[name]) {
        await expect(run).rejects.toThrow(`not supported by the Sandbox: ${NOT_SUPPORTED[name]}`);
      } else if (TENANT_REFUSES.includes(name)) {
        await expect(run).rejects.toThrow(/Invalid acrValues: urn:grn:authn:(se|no):bankid/);
      } else {
        await run;
        const source = readFileSync(file, 'utf8');
        const printed = logs.flat();
        // What the examples print is real: signing links of this sandbox, order ids it knows.
        if (/\.href\)/.test(source)) {
          const links = printed.filter((v): v is string => typeof v === 'string');
          expect(links.length).toBeGreaterThanOrEqual(1);
          for (const link of links) expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/(sign|batch)\/[\w-]+$/);
        }
        if (/log\(signatureOrder\.id\)/.test(source)) expect(sandbox.store.get(null, printed[0] as string)?.status).toBe('OPEN');
        EFFECTS[name]?.();
      }
    });
  }
});
