// How a simulator finds its port (issue 13), with ports the test gets from the
// OS: a taken default port moves the simulator to a free one and reports it;
// "ephemeral" never tries the default; a half-started simulator releases what it took.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startMitidSandbox } from '../../../src-main/sandbox/mitid/mitid-sandbox';
import { createSignaturesSimulator } from '../../../src-main/sandbox/signatures/signatures-simulator';
import type { RunningSimulator } from '../../../src-main/sandbox/simulator';
import { sandboxPortsEphemeral, startOnFreePortIfTaken, startSandbox } from '../../../src-main/sandbox/start-sandbox';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A recording server on a port the OS picks: stands for "another program holds this port". */
async function holder(): Promise<{ port: number; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return { port: (server.address() as AddressInfo).port, hits };
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const keep = <T extends RunningSimulator>(s: T): T => {
  cleanups.push(() => s.close());
  return s;
};

it('a taken default port moves the simulator to a free port, reported as moved; the holder gets nothing', async () => {
  const taken = await holder();
  const mitid = keep(await startOnFreePortIfTaken('mitid', taken.port, false, (port) => startMitidSandbox({ port })));
  expect(mitid.movedFromDefaultPort).toBe(true);
  expect(mitid.defaultPort).toBe(taken.port);
  expect(Number(new URL(mitid.url).port)).not.toBe(taken.port);
  const meta = (await (await fetch(`${mitid.url}/.well-known/openid-configuration`)).json()) as { issuer: string };
  expect(meta.issuer).toBe(mitid.url);
  expect(taken.hits).toEqual([]);
});

it('a free default port is used as it is', async () => {
  const port = await freePort();
  const mitid = keep(await startOnFreePortIfTaken('mitid', port, false, (p) => startMitidSandbox({ port: p })));
  expect(mitid.movedFromDefaultPort).toBe(false);
  expect(mitid.url).toBe(`http://127.0.0.1:${port}`);
});

it('ephemeral never tries the default port, and is what tests and CASEWORKER_SANDBOX_EPHEMERAL ask for', async () => {
  const port = await freePort();
  const tried: number[] = [];
  const mitid = keep(
    await startOnFreePortIfTaken('mitid', port, true, (p) => {
      tried.push(p);
      return startMitidSandbox({ port: p });
    }),
  );
  expect(tried).toEqual([0]);
  expect(mitid.movedFromDefaultPort).toBe(false);
  expect(sandboxPortsEphemeral()).toBe(true); // NODE_ENV=test under vitest
  expect(sandboxPortsEphemeral(false)).toBe(false);
  expect(sandboxPortsEphemeral(true)).toBe(true);
});

it('Signatures with its https port taken releases the API port it took, and moves both', async () => {
  const apiPort = await freePort();
  const httpsTaken = await holder();
  const sim = createSignaturesSimulator({ httpsPort: httpsTaken.port });
  const running = keep(await startOnFreePortIfTaken('signatures', apiPort, false, (port) => sim.start({ port })));
  expect(running.movedFromDefaultPort).toBe(true);
  expect(new URL(running.url).port).not.toBe(String(apiPort));
  expect(new URL(running.https!.url).port).not.toBe(String(httpsTaken.port));
  // The first attempt's API port is free again (nothing left listening on it).
  const again = createServer();
  await new Promise<void>((resolve, reject) => {
    again.once('error', reject);
    again.listen(apiPort, '127.0.0.1', () => resolve());
  });
  await new Promise<void>((r) => again.close(() => r()));
  expect(httpsTaken.hits).toEqual([]);
});

it('startSandbox reports every simulator with its real address and whether it moved', async () => {
  const taken = await holder();
  const sandbox = await startSandbox({
    ephemeralPorts: false,
    simulators: [{ name: 'mitid', defaultPort: taken.port, start: ({ port }) => startMitidSandbox({ port }) }],
  });
  cleanups.push(() => sandbox.close());
  expect(sandbox.simulators).toHaveLength(1);
  expect(sandbox.simulators[0]).toMatchObject({ name: 'mitid', defaultPort: taken.port, movedFromDefaultPort: true });
  expect(new URL(sandbox.simulators[0]!.url).port).not.toBe(String(taken.port));
});
