import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver on 127.0.0.1 (port 0) that records each request's raw body and headers. */
export interface Receiver {
  url: string;
  requests: { body: string; headers: IncomingMessage['headers'] }[];
  /** Status to answer with, per request index and body (default 200). */
  statusFor: (index: number, body: string) => number;
  close(): Promise<void>;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: Receiver = {
    url: '',
    requests: [],
    statusFor: () => 200,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
    waitFor: (count) =>
      receiver.requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const index = receiver.requests.length;
      const body = Buffer.concat(chunks).toString('utf8');
      receiver.requests.push({ body, headers: req.headers });
      res.writeHead(receiver.statusFor(index, body), { 'Content-Type': 'text/plain' });
      res.end('ok');
      for (const w of waiters.splice(0)) {
        if (receiver.requests.length >= w.count) w.resolve();
        else waiters.push(w);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}

/** A URL nothing listens on: a port bound and released again. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

/** A raw GraphQL call with the sandbox credentials (for what the SDK has no method for). */
export async function graphqlCall(
  endpoint: string,
  credentials: { clientId: string; clientSecret: string },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: Record<string, unknown> | null; errors?: { message: string }[] }> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}
