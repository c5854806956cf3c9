import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES } from '../contract';
import type { AppHandle } from '../app/app-handle';
import { newSession, type Session } from '../app/session';
import { bodyLimitFor, InFlight, isLargeMethod, MAX_CONCURRENT_LARGE, MAX_CONCURRENT_REQUESTS } from './request-limits';
import { SECURITY_HEADERS } from './security-headers';
import { readStatic } from './static-files';

export interface WebServerOptions {
  app: AppHandle;
  /** Folder with the built renderer (out/web). */
  staticDir: string;
  port?: number;
  /** Per-run secret; random when not given. */
  token?: string;
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_SESSIONS = 1000;
const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The browser transport: the built renderer and the same contract as IPC, over
 * HTTP on 127.0.0.1 only. Every API call needs the per-run token; the Host
 * header must name the loopback address (no DNS rebinding), and each browser
 * tab is its own session, like an Electron window.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sessions = new Map<string, Session>();
  const inFlight = new InFlight(MAX_CONCURRENT_REQUESTS);
  const largeInFlight = new InFlight(MAX_CONCURRENT_LARGE);
  const streams = new Set<ServerResponse>();

  const sessionFor = (clientId: string): Session => {
    let session = sessions.get(clientId);
    if (!session) {
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      session = newSession();
      sessions.set(clientId, session);
    }
    return session;
  };

  const tokenOk = (given: string | null): boolean => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const unsubscribe = options.app.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  let port = 0;
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('web transport error:', (error as Error).message);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(url, res);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'not_allowed', message: 'use POST' } });
      const auth = req.headers.authorization ?? '';
      if (!tokenOk(auth.startsWith('Bearer ') ? auth.slice(7) : null)) {
        return send(res, 401, { ok: false, error: { code: 'not_allowed', message: 'missing or wrong token' } });
      }
      const origin = req.headers.origin;
      if (origin && origin !== `http://${host}`) {
        return send(res, 403, { ok: false, error: { code: 'not_allowed', message: 'foreign origin' } });
      }
      const clientId = String(req.headers['x-client-id'] ?? '');
      if (!CLIENT_ID.test(clientId)) return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'missing client id' } });
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'malformed method name' } });
      }
      const limit = bodyLimitFor(method);
      if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge(res);
      // Refuse rather than queue: every waiting body would be held in memory.
      const large = isLargeMethod(method);
      if (!inFlight.tryEnter()) return busy(res);
      if (large && !largeInFlight.tryEnter()) {
        inFlight.leave();
        return busy(res);
      }
      try {
        const body = await readBody(req, limit);
        if (body === null) return tooLarge(res);
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body) : {};
        } catch {
          return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'body is not JSON' } });
        }
        return send(res, 200, await options.app.dispatch(method, input, sessionFor(clientId)));
      } finally {
        inFlight.leave();
        if (large) largeInFlight.leave();
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = await readStatic(options.staticDir, url.pathname);
    if (!file) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function openEventStream(url: URL, res: ServerResponse): void {
    if (!tokenOk(url.searchParams.get('token')) || !CLIENT_ID.test(url.searchParams.get('client') ?? '')) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(`retry: 2000\n: events ${EVENT_NAMES.join(' ')}\n\n`);
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: async () => {
      unsubscribe();
      for (const res of streams) res.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Browsers keep idle keep-alive connections open; without this close() waits for them.
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

function tooLarge(res: ServerResponse): void {
  // Close the connection: the rest of the body is not worth reading.
  res.setHeader('Connection', 'close');
  send(res, 413, { ok: false, error: { code: 'invalid_input', message: 'request too large' } });
}

function busy(res: ServerResponse): void {
  res.setHeader('Retry-After', '1');
  send(res, 503, { ok: false, error: { code: 'unavailable', message: 'too many requests at once; try again' } });
}

/** The body as text, or null as soon as it passes `limit` bytes (nothing more is kept). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > limit) {
        // Answer at once; the rest is dropped as it arrives, and the connection closes after the 413.
        over = true;
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A client that goes away mid-body must free its slot (a settled promise ignores this).
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before the body was complete'));
    });
  });
}
