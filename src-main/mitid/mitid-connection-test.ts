import type { ConnectionCheckView, Language } from '../contract';
import { checkedUrl, networkCause, probeResult, PROBE_TIMEOUT_MS } from '../integration-settings/connection-test';

export interface MitidProbeValues {
  /** The issuer the form's domain means (the running sandbox's for an empty domain); '' when that sandbox is not running. */
  issuer: string;
  clientId: string;
  /** The form's secret, else the stored one; null for a public client. */
  clientSecret: string | null;
}

/**
 * Tests the values in the MitID form, not the saved ones: reads the domain's
 * OpenID Connect discovery document, then asks its token endpoint to redeem a
 * code that does not exist, authenticated as the form's client. A provider
 * answers `invalid_client` to a client id or secret it does not accept and
 * `invalid_grant` (the code) to one it does (RFC 6749 §5.2), so the probe
 * checks the credentials without a citizen signing in and without any cost.
 */
export async function testMitidConnection(values: MitidProbeValues, lang: Language): Promise<ConnectionCheckView> {
  const base = values.issuer.replace(/\/+$/, '');
  const params = { service: 'mitid' as const, base, clientId: values.clientId };
  if (!base) return probeResult('no_sandbox', params, lang);
  const checked = checkedUrl(base);
  if (!checked || !checked.secure) return probeResult('not_https', params, lang);

  let tokenEndpoint: string;
  try {
    const res = await fetch(`${base}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'error' });
    const meta = (await res.json().catch(() => null)) as { issuer?: unknown; token_endpoint?: unknown } | null;
    if (!res.ok || !meta || typeof meta.token_endpoint !== 'string' || meta.issuer !== base) {
      return probeResult('wrong_domain', { ...params, ...(res.ok ? {} : { status: res.status }) }, lang);
    }
    tokenEndpoint = meta.token_endpoint;
  } catch (error) {
    const n = networkCause(error);
    return probeResult(n.cause, { ...params, ...(n.code ? { code: n.code } : {}) }, lang);
  }

  const body = new URLSearchParams({ grant_type: 'authorization_code', code: `connection-test-${crypto.randomUUID()}`, redirect_uri: 'http://127.0.0.1/callback' });
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  if (values.clientSecret) {
    // client_secret_basic (RFC 6749 §2.3.1): both parts form-encoded before base64.
    headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(values.clientId)}:${encodeURIComponent(values.clientSecret)}`).toString('base64')}`;
  } else {
    body.set('client_id', values.clientId);
  }
  try {
    const res = await fetch(tokenEndpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'error' });
    const answer = (await res.json().catch(() => null)) as { error?: unknown } | null;
    if (answer?.error === 'invalid_client' || res.status === 401) return probeResult('wrong_client', { ...params, status: res.status }, lang);
    // The credentials were accepted; only the made-up code (or its grant) was refused.
    if (answer?.error === 'invalid_grant' || answer?.error === 'unauthorized_client' || answer?.error === 'invalid_request') return probeResult('ok', params, lang);
    return probeResult('server', { ...params, status: res.status }, lang);
  } catch (error) {
    const n = networkCause(error);
    return probeResult(n.cause, { ...params, ...(n.code ? { code: n.code } : {}) }, lang);
  }
}
