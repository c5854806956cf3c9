// A tiny HTTP proxy in front of the MitID sandbox that re-signs the id_token of
// the token response, so tests can show the client refusing tokens that are
// expired, for another audience, from another issuer, or signed by an unknown key.
import { createPrivateKey, sign } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Jwk = Record<string, unknown>;

export function signJwt(payload: Record<string, unknown>, jwk: Jwk): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: jwk.kid };
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${enc(header)}.${enc(payload)}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey({ key: jwk as never, format: 'jwk' }));
  return `${input}.${signature.toString('base64url')}`;
}

export function decodeJwt(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface TamperingProxy {
  url: string;
  /** Set per test: rewrites the id_token's claims and picks the signing key; null passes through. */
  tamper: { claims: (c: Record<string, unknown>) => Record<string, unknown>; key: Jwk; body?: (json: Record<string, unknown>) => void } | null;
  setTarget(port: number): void;
  close(): Promise<void>;
}

export async function startTamperingProxy(): Promise<TamperingProxy> {
  let targetPort = 0;
  const proxy: TamperingProxy = {
    url: '',
    tamper: null,
    setTarget: (port) => void (targetPort = port),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  const server: Server = createServer((req, res) => {
    // The Host header is kept, so the provider builds its URLs (and its issuer) on the proxy's address.
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...up.headers };
        if (req.url?.startsWith('/oauth2/token') && up.statusCode === 200 && proxy.tamper) {
          const json = JSON.parse(body.toString('utf8')) as { id_token?: string } & Record<string, unknown>;
          if (json.id_token) json.id_token = signJwt(proxy.tamper.claims(decodeJwt(json.id_token)), proxy.tamper.key);
          proxy.tamper.body?.(json);
          body = Buffer.from(JSON.stringify(json));
          headers['content-length'] = String(body.length);
          delete headers.etag;
        }
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
