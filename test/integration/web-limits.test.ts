// Bounded work per request in the browser transport: a body-size limit per
// method (only the CSV and letter methods take large bodies), a cap on requests
// in flight, and a 400 for a method name that is not valid %-encoding.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT, MAX_CONCURRENT_REQUESTS } from '../../src-main/web/request-limits';
import { startWebServer, type WebServer } from '../../src-main/web/web-server';
import { type TestApp, useTestApps } from './helpers/test-app';

const { open, tempDir } = useTestApps();
let app: TestApp;
let server: WebServer;

beforeEach(async () => {
  const root = tempDir();
  mkdirSync(join(root, 'web'));
  writeFileSync(join(root, 'web', 'index.html'), '<!doctype html>');
  app = open({ dataDir: join(root, 'data'), seedDemo: false });
  server = await startWebServer({ app, staticDir: join(root, 'web') });
  return () => server.close();
});

interface Reply {
  status: number;
  body: string;
}

/** Starts a POST to /api/<path> and returns the request (to write to) and its reply. */
function post(path: string, headers: Record<string, string | number> = {}): { req: ClientRequest; reply: Promise<Reply> } {
  let req!: ClientRequest;
  const reply = new Promise<Reply>((resolve, reject) => {
    req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/${path}`,
        method: 'POST',
        headers: {
          host: `127.0.0.1:${server.port}`,
          authorization: `Bearer ${server.token}`,
          'x-client-id': 'client-limits-1',
          'content-type': 'application/json',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // A refused body may be cut off while we still write it; the reply has come by then.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 0, body: '' });
      else reject(error);
    });
  });
  return { req, reply };
}

const send = async (path: string, body: string, headers: Record<string, string | number> = {}): Promise<Reply> => {
  const { req, reply } = post(path, { 'content-length': Buffer.byteLength(body), ...headers });
  req.end(body);
  return reply;
};

/** Repeats `call` until the server refuses it (it may not have taken the held requests in yet). */
async function untilRefused(call: () => Promise<Reply>): Promise<Reply> {
  let reply = await call();
  for (let i = 0; i < 3000 && reply.status === 200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    reply = await call();
  }
  return reply;
}

describe('method names', () => {
  it.each(['%E0%A4%A', 'getAppInfo%', '%ZZ'])('a malformed percent-encoding (%s) gets 400, not 500, and the server keeps serving', async (name) => {
    const reply = await send(name, '{}');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await send('getAppInfo', '{}')).status).toBe(200);
  });
});

describe('body size per method', () => {
  const big = (method: string) => JSON.stringify({ csv: 'x'.repeat(DEFAULT_BODY_LIMIT + 1024), method });

  it('an ordinary method refuses a body over its limit with 413, by its declared length', async () => {
    const reply = await send('getAppInfo', big('getAppInfo'));
    expect(reply.status).toBe(413);
    expect((await send('getAppInfo', '{}')).status).toBe(200);
  });

  it('an ordinary method refuses a chunked body once it passes the limit', async () => {
    const { req, reply } = post('createRecord', { 'transfer-encoding': 'chunked' });
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i * chunk.length <= DEFAULT_BODY_LIMIT; i += 1) req.write(chunk);
    req.end();
    expect((await reply).status).toBe(413);
  });

  it('the CSV preview takes a body of that size (the contract then judges it)', async () => {
    const reply = await send('previewCsvImport', JSON.stringify({ csv: `navn;cpr\n${'Jens Hansen;x\n'.repeat((DEFAULT_BODY_LIMIT + 1024) / 14)}`, extra: 1 }));
    expect(reply.status).toBe(200);
    // Refused by the method's own schema (the extra key), not by the transport.
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('requests in flight', () => {
  it('one large body at a time: a second CSV upload meanwhile gets 503, and one after it is served', async () => {
    const first = post('previewCsvImport', { 'content-length': 1000 });
    first.req.write('{"csv":"');
    // Until the server has taken the first request in, a second one is simply served.
    const second = await untilRefused(() => send('previewCsvImport', JSON.stringify({ csv: 'navn\nJens\n' })));
    expect(second.status).toBe(503);
    first.req.destroy();
    await first.reply.catch(() => undefined);
    // The first one's slot is free again once its connection is gone.
    let third: Reply = { status: 0, body: '' };
    for (let i = 0; i < 3000 && third.status !== 200; i += 1) {
      third = await send('previewCsvImport', JSON.stringify({ csv: 'navn\nJens\n' }));
      if (third.status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(third.status).toBe(200);
  });

  it(`at most ${MAX_CONCURRENT_REQUESTS} calls at once; the next gets 503`, async () => {
    const held = Array.from({ length: MAX_CONCURRENT_REQUESTS }, () => post('getAppInfo', { 'content-length': 100 }));
    for (const h of held) h.req.write('{');
    const extra = await untilRefused(() => send('getAppInfo', '{}'));
    expect(extra.status).toBe(503);
    for (const h of held) h.req.destroy();
    await Promise.all(held.map((h) => h.reply.catch(() => undefined)));
  });
});
