import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordDetail, SessionView } from '../../src-main/contract';
import { CONTENT_SECURITY_POLICY } from '../../src-main/web/security-headers';
import { startWebServer, type WebServer } from '../../src-main/web/web-server';
import { createDemoRecord, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open, tempDir } = useTestApps();

let app: TestApp;
let server: WebServer;
let root: string;
const INDEX = '<!doctype html><title>Sagsbehandler</title>';
const SECRET = 'outside-the-static-folder';

beforeEach(async () => {
  root = tempDir();
  const staticDir = join(root, 'web');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'package.json'), `{"secret":"${SECRET}"}`);
  app = open({ dataDir: join(root, 'data'), seedDemo: true });
  server = await startWebServer({ app, staticDir });
  return () => server.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls the Host header and the exact path. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (method: string, input: unknown, clientId = 'client-aaaa-1', extra: Record<string, string> = {}) =>
  raw(`/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'x-client-id': clientId, 'content-type': 'application/json', ...extra },
    body: JSON.stringify(input),
  });

const json = (reply: Reply) => JSON.parse(reply.body) as { ok: boolean; value?: unknown; error?: { code: string } };

describe('API access', () => {
  it('answers a call with the right token, host and client id', async () => {
    const reply = await call('getAppInfo', {});
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ ok: true, value: { transport: 'web' } });
  });

  it('refuses a missing or wrong token with 401', async () => {
    const none = await raw('/api/getAppInfo', { method: 'POST', headers: { 'x-client-id': 'client-aaaa-1' }, body: '{}' });
    expect(none.status).toBe(401);
    // The last character changed: to "x", or to "y" when it already was an "x" (1 run in 64 otherwise sent the real token).
    const changed = server.token.endsWith('x') ? 'y' : 'x';
    const wrong = await call('getAppInfo', {}, 'client-aaaa-1', { authorization: `Bearer ${server.token.slice(0, -1)}${changed}` });
    expect(wrong.status).toBe(401);
    const shorter = await call('getAppInfo', {}, 'client-aaaa-1', { authorization: 'Bearer x' });
    expect(shorter.status).toBe(401);
    const basic = await call('getAppInfo', {}, 'client-aaaa-1', { authorization: `Basic ${server.token}` });
    expect(basic.status).toBe(401);
  });

  it('refuses a foreign Host header with 421 (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const api = await call('getAppInfo', {}, 'client-aaaa-1', { host });
      expect(api.status, host).toBe(421);
      const page = await raw('/', { headers: { host } });
      expect(page.status, host).toBe(421);
    }
    expect((await call('getAppInfo', {}, 'client-aaaa-1', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    expect((await call('getAppInfo', {}, 'client-aaaa-1', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('getAppInfo', {}, 'client-aaaa-1', { origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await call('getAppInfo', {}, 'client-aaaa-1', { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('needs POST, a client id and a JSON body', async () => {
    expect((await raw('/api/getAppInfo', { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(405);
    expect((await call('getAppInfo', {}, 'short')).status).toBe(400);
    const notJson = await raw('/api/getAppInfo', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'x-client-id': 'client-aaaa-1' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(json(notJson)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(json(await call('noSuchMethod', {}))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(json(await call('listRecords', { offset: -1, limit: 1 }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('keeps one session per client id', async () => {
    const { admin, user } = demo(app);
    const jens = user('Jens Nielsen');
    expect(json(await call('selectUser', { userId: admin.id }, 'client-aaaa-1')).ok).toBe(true);
    expect(json(await call('selectUser', { userId: jens.id }, 'client-bbbb-2')).ok).toBe(true);
    const a = json(await call('getSession', {}, 'client-aaaa-1')).value as SessionView;
    const b = json(await call('getSession', {}, 'client-bbbb-2')).value as SessionView;
    const c = json(await call('getSession', {}, 'client-cccc-3')).value as SessionView;
    expect(a.user?.id).toBe(admin.id);
    expect(b.user?.id).toBe(jens.id);
    expect(c.user).toBeNull();
    // Rights follow the session: Jens is no administrator.
    expect(json(await call('saveGroup', { name: 'Web' }, 'client-bbbb-2'))).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(json(await call('saveGroup', { name: 'Web' }, 'client-aaaa-1'))).toMatchObject({ ok: true });
  });
});

describe('server-sent events', () => {
  it('needs the token and delivers recordsChanged after an updateRecord', async () => {
    expect((await raw(`/api/events?token=wrong&client=client-aaaa-1`)).status).toBe(401);

    const session = demo(app).adminSession();
    const record = await createDemoRecord(app, session);
    expect(json(await call('selectUser', { userId: session.userId }, 'client-aaaa-1')).ok).toBe(true);

    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/events?token=${encodeURIComponent(server.token)}&client=client-aaaa-1`,
          headers: { host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('text/event-stream');
          let text = '';
          let updated = false;
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (!updated && text.includes(': events')) {
              updated = true;
              void call('updateRecord', { id: record.id, version: record.version, values: { adresse: 'Via web 1' } });
            }
            const frame = /event: recordsChanged\ndata: (.*)\n\n/.exec(text);
            if (frame?.[1]) {
              req.destroy();
              resolve(frame[1]);
            }
          });
        },
      );
      req.on('error', (e) => (/aborted|socket hang up/.test(e.message) ? undefined : reject(e)));
      req.end();
    });
    expect(JSON.parse(await received)).toEqual({ recordIds: [record.id] });
    const after = value(await app.dispatch('getRecord', { id: record.id }, session)) as RecordDetail;
    expect(after.values.adresse).toBe('Via web 1');
  });
});

describe('static files', () => {
  it('serves the renderer with the strict CSP and security headers', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-type']).toContain('text/html');
    const script = await raw('/assets/app.js');
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // Client-side routes fall back to index.html; missing assets are 404.
    expect((await raw('/records/12')).body).toBe(INDEX);
    expect((await raw('/assets/missing.js')).status).toBe(404);
  });

  it('answers a malformed percent-encoding with 404 and keeps serving', async () => {
    const reply = await raw('/%E0%A4%A');
    expect(reply.status).toBe(404);
    expect((await raw('/')).status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/../package.json',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%5csecret.txt',
    '//..//..//secret.txt',
    '/%252e%252e/secret.txt',
  ])('does not escape the static folder with %s', async (path) => {
    const reply = await raw(path);
    expect(reply.body).not.toContain(SECRET);
    expect([200, 400, 404]).toContain(reply.status);
    if (reply.status === 200) expect(reply.body).toBe(INDEX);
  });
});
