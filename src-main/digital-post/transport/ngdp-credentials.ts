import http from 'node:http';
import https from 'node:https';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const PAIR = new RegExp(`^${UUID}:${UUID}$`);

/**
 * The NgDP `Authorization: Basic` value from the system's registration in the
 * administration portal: base64 of `systemId:apiTokenValue`, two UUIDs. It is one
 * fixed credential, the same on every call (ngdp reference §2). The administrator
 * may paste either the `uuidA:uuidB` pair or its base64 (with or without
 * "Basic "); null when it is neither.
 */
export function normaliseBasicCredential(value: string): string | null {
  const v = value.trim().replace(/^basic\s+/i, '');
  if (PAIR.test(v)) return v.toLowerCase();
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(v)) {
    const decoded = Buffer.from(v, 'base64').toString('utf8');
    if (PAIR.test(decoded)) return decoded.toLowerCase();
  }
  return null;
}

/** `Basic base64(uuidA:uuidB)`. */
export const basicAuthorization = (credential: string): string => `Basic ${Buffer.from(credential, 'utf8').toString('base64')}`;

/** What the caller proves itself with: the client certificate (mutual TLS) and the server CA to trust. */
export interface TlsClientOptions {
  /** PKCS#12 system certificate and its password. */
  pfx?: Buffer;
  passphrase?: string;
  /** PEM alternative to pfx (legacy PKCS#12 ciphers OpenSSL 3 refuses). */
  key?: string;
  cert?: string;
  /** Extra CA(s) to trust for the server certificate (the sandbox CA); the system store otherwise. */
  ca?: string;
}

/** True when a client certificate is configured (for explaining a refusal). */
export const hasClientCertificate = (o: TlsClientOptions): boolean => Boolean(o.pfx || (o.key && o.cert));

/** A keep-alive agent for the base URL: https with the client certificate, or plain http (never for the real service). */
export function connectionAgent(baseUrl: string, tls: TlsClientOptions, maxSockets: number): http.Agent {
  const common = { keepAlive: true, maxSockets };
  if (!baseUrl.startsWith('https:')) return new http.Agent(common);
  return new https.Agent({
    ...common,
    ...(tls.pfx ? { pfx: tls.pfx, passphrase: tls.passphrase ?? '' } : {}),
    ...(tls.key && tls.cert ? { key: tls.key, cert: tls.cert } : {}),
    ...(tls.ca ? { ca: tls.ca } : {}),
  });
}
