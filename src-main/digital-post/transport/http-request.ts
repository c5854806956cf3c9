import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The network-level failures, sorted by what the outbox should do about them. */
export type NetworkFailure = 'timeout' | 'reset' | 'unreachable' | 'tls';

export class NetworkError extends Error {
  constructor(
    readonly failure: NetworkFailure,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);

/**
 * One HTTP/1.1 request (HTTP/2 gave stream resets against Serviceplatformen)
 * through a keep-alive agent, with a hard timeout. Network failures become
 * NetworkError with a category; HTTP statuses are returned, never thrown.
 */
export function httpRequest(
  agent: http.Agent | https.Agent,
  url: URL,
  options: { method: string; headers?: Record<string, string>; body?: Buffer; timeoutMs: number },
): Promise<HttpResponse> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method: options.method, agent, headers: { ...options.headers, ...(options.body ? { 'content-length': String(options.body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (e) => reject(classify(e)));
        res.on('aborted', () => reject(new NetworkError('reset', 'ECONNRESET', 'the connection was closed during the answer')));
      },
    );
    req.setTimeout(options.timeoutMs, () => req.destroy(new NetworkError('timeout', 'ETIMEDOUT', `no answer within ${options.timeoutMs} ms`)));
    req.on('error', (e) => reject(classify(e)));
    req.end(options.body);
  });
}

function classify(error: Error): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (UNREACHABLE.has(code)) return new NetworkError('unreachable', code, error.message);
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new NetworkError('timeout', code, error.message);
  if (/CERT|SSL|TLS|ERR_OSSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|ssl|tls/i.test(error.message)) {
    return new NetworkError('tls', code, error.message);
  }
  return new NetworkError('reset', code || 'ECONNRESET', error.message);
}
