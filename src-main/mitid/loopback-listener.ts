import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`, the redirect URI for this one login. */
  redirectUri: string;
  /** Resolves with the full callback URL (code, state, iss, or error) the browser was sent to. */
  callback: Promise<URL>;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;margin:3rem"><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * A one-shot HTTP listener on 127.0.0.1 with an ephemeral port (RFC 8252 §7.3):
 * the system browser lands here with the authorization response. It accepts a
 * single callback and then closes, so a later request cannot replay into it.
 */
export async function startLoopbackListener(): Promise<LoopbackListener> {
  let deliver!: (url: URL) => void;
  let refuse!: (error: Error) => void;
  const callback = new Promise<URL>((resolve, reject) => {
    deliver = resolve;
    refuse = reject;
  });
  callback.catch(() => {});
  let done = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (req.method !== 'GET' || url.pathname !== '/callback' || done) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    done = true;
    const failed = url.searchParams.has('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(
      failed
        ? page('MitID', 'Login blev ikke gennemført. Gå tilbage til programmet. / The login was not completed. Return to the app.')
        : page('MitID', 'Du er logget ind. Luk dette vindue og gå tilbage til programmet. / You are logged in. Close this window and return to the app.'),
    );
    deliver(url);
    setImmediate(() => close());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const close = () => {
    done = true;
    refuse(new Error('listener closed'));
    server.closeAllConnections();
    server.close();
  };
  return { redirectUri: `http://127.0.0.1:${port}/callback`, callback, close };
}
