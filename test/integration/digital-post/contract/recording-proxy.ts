// A recording HTTP proxy between our client and the sandbox: every exchange
// (what the client sent, what the sandbox answered) is kept for the contract
// tests to validate against the real NgDP shapes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  /** Path below /apis/v1, without the trailing slash: /memos, /receipts/<id>, /contacts. */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  requestBody: Buffer;
  status: number;
  responseBody: Buffer;
}

export async function recordingProxy(target: string): Promise<{ apiUrl: string; exchanges: Exchange[]; close: () => Promise<void> }> {
  const exchanges: Exchange[] = [];
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (c: Buffer) => parts.push(c));
          up.on('end', () => {
            const responseBody = Buffer.concat(parts);
            const url = new URL(req.url ?? '/', 'http://x');
            const query: Record<string, string> = {};
            for (const [k, v] of url.searchParams) query[k] = v;
            exchanges.push({
              method: req.method ?? 'GET',
              path: url.pathname.replace(/^\/apis\/v1/, '').replace(/\/+$/, ''),
              query,
              headers: req.headers,
              requestBody: body,
              status: up.statusCode ?? 0,
              responseBody,
            });
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(responseBody);
          });
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/apis/v1`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
