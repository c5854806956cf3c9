import type http from 'node:http';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';

/** NgDP's `ErrorMessage` (ngdp reference: DigitalPostClient.cs line 21955), as 401/403 carry it. */
export interface ErrorMessage {
  code: string;
  message: string;
  fieldErrors: { resource: string; field: string; code: string }[];
}

export interface Refusal {
  status: 401 | 403;
  body: ErrorMessage;
}

const refusal = (status: 401 | 403, code: string, message: string): Refusal => ({ status, body: { code, message, fieldErrors: [] } });

/**
 * Strict mode's gate in front of the NgDP paths, like the real access point:
 * mutual TLS with a client certificate from the sandbox CA (the identification),
 * then the system's fixed `Authorization: Basic` value. Which of 401 and 403 the
 * real service gives for each case is not documented; this sandbox answers a
 * certificate problem with 403 and a Basic problem with 401 (docs/digital-post.md).
 */
export function checkCaller(req: http.IncomingMessage, expectedBasic: string): Refusal | null {
  const socket = req.socket as Partial<TLSSocket>;
  if (!socket.encrypted || typeof socket.getPeerCertificate !== 'function') {
    return refusal(403, 'tls.required', 'The API is served over HTTPS with mutual TLS only');
  }
  const peer = socket.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) return refusal(403, 'certificate.missing', 'No client certificate was presented');
  if (!socket.authorized) {
    return refusal(403, 'certificate.untrusted', `The client certificate is not issued by a trusted CA (${String(socket.authorizationError ?? 'unknown')})`);
  }
  const header = String(req.headers.authorization ?? '');
  const m = /^Basic\s+(\S+)$/i.exec(header);
  if (!m) return refusal(401, 'authorization.missing', 'The Authorization header with the system credential is missing');
  const given = Buffer.from(Buffer.from(m[1] as string, 'base64').toString('utf8'));
  const wanted = Buffer.from(expectedBasic);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return refusal(401, 'authorization.invalid', 'The system credential in the Authorization header is not valid');
  }
  return null;
}

/**
 * One port that speaks both HTTPS (the NgDP API, mutual TLS) and plain HTTP (the
 * citizen mailbox page and the sandbox's own control endpoints, for a browser
 * that does not trust the sandbox CA): the first byte of a TLS connection is a
 * handshake record (0x16), of an HTTP request a letter.
 */
export function dualProtocolServer(plain: http.Server, secure: http.Server): net.Server {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  // close() waits for every connection; a keep-alive TLS client would hold it open.
  const close = server.close.bind(server);
  server.close = (cb) => {
    for (const s of sockets) s.destroy();
    return close(cb);
  };
  return server;
}
