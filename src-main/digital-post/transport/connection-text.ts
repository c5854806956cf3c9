import type { ConnectionCause, ConnectionCheck } from './transport';
import { connectionCauseText, PROBLEM, type CauseParams, type ConnectionLanguage } from './connection-causes';

export type { CauseParams, ConnectionLanguage } from './connection-causes';
import { NetworkError } from './http-request';

/** One "test connection" result, its cause named in the caseworker's language. */
export function connectionCheck(cause: ConnectionCause, params: CauseParams, lang: ConnectionLanguage): ConnectionCheck {
  const text = connectionCauseText(cause, params, lang);
  const detail = params.server && cause !== 'ok' ? `${text} ${lang === 'en' ? 'The server said' : 'Serveren svarede'}: "${params.server.slice(0, 200)}"` : text;
  const problem = PROBLEM[cause];
  return problem === null ? { ok: true, cause, params, detail } : { ok: false, cause, params, problem, detail };
}

// OpenSSL's alert names for a client certificate the server refused or wanted.
const CLIENT_CERT_REFUSED = /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|ACCESS_DENIED|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|HANDSHAKE_FAILURE)/;
const CLIENT_CERT_REQUIRED = /ALERT_CERTIFICATE_REQUIRED/;
const SERVER_NOT_TRUSTED = /UNABLE_TO_VERIFY|SELF_SIGNED|DEPTH_ZERO|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ALTNAME|UNABLE_TO_GET_ISSUER/;

/** A network failure of "test connection", sorted into a cause. */
export function networkCheck(error: unknown, base: string, hadClientCertificate: boolean, lang: ConnectionLanguage): ConnectionCheck {
  if (!(error instanceof NetworkError)) return connectionCheck('reset', { base, code: (error as Error).message }, lang);
  const code = error.code || error.message;
  const said = `${code} ${error.message}`;
  if (CLIENT_CERT_REQUIRED.test(said) || (!hadClientCertificate && CLIENT_CERT_REFUSED.test(said))) return connectionCheck('no_client_certificate', { base, code }, lang);
  if (CLIENT_CERT_REFUSED.test(said)) return connectionCheck('certificate_refused', { base, code }, lang);
  if (SERVER_NOT_TRUSTED.test(said)) return connectionCheck('server_not_trusted', { base, code }, lang);
  switch (error.failure) {
    case 'unreachable':
      return connectionCheck('unreachable', { base, code }, lang);
    case 'timeout':
      return connectionCheck('timeout', { base, code }, lang);
    case 'tls':
      return connectionCheck('tls_failed', { base, code }, lang);
    default:
      return connectionCheck('reset', { base, code }, lang);
  }
}
