import type { ConnectionCheckView, Language } from '../contract';
import { checkedUrl, networkCause, probeResult, PROBE_TIMEOUT_MS } from '../integration-settings/connection-test';

export interface SignaturesProbeValues {
  /** The GraphQL endpoint the form names (the running sandbox's for the sandbox default); '' when that sandbox is not running. */
  endpoint: string;
  clientId: string;
  /** The form's secret, else the stored one (or the sandbox's test secret); null when there is none. */
  clientSecret: string | null;
}

/**
 * Tests the values in the Signatures form, not the saved ones: one GraphQL
 * query (`{ __typename }`, which reads nothing and costs nothing) with the
 * form's client id and secret as Basic credentials, as every call of the app
 * sends them. 401 is a refused credential; anything but a GraphQL answer means
 * the address is not Idura Signatures'.
 */
export async function testSignaturesConnection(values: SignaturesProbeValues, lang: Language): Promise<ConnectionCheckView> {
  const base = values.endpoint.trim();
  const params = { service: 'signatures' as const, base, clientId: values.clientId };
  if (!base) return probeResult('no_sandbox', params, lang);
  const checked = checkedUrl(base);
  if (!checked || !checked.secure) return probeResult('not_https', params, lang);
  if (!values.clientSecret) return probeResult('no_secret', params, lang);
  try {
    const res = await fetch(base, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Basic ${Buffer.from(`${values.clientId}:${values.clientSecret}`).toString('base64')}`,
      },
      body: JSON.stringify({ query: 'query ConnectionTest { __typename }' }),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      redirect: 'error',
    });
    if (res.status === 401 || res.status === 403) return probeResult('wrong_client', { ...params, status: res.status }, lang);
    const answer = (await res.json().catch(() => null)) as { data?: { __typename?: unknown } } | null;
    if (res.ok && typeof answer?.data?.__typename === 'string') return probeResult('ok', params, lang);
    if (res.status >= 500) return probeResult('server', { ...params, status: res.status }, lang);
    return probeResult('wrong_endpoint', { ...params, status: res.status }, lang);
  } catch (error) {
    const n = networkCause(error);
    return probeResult(n.cause, { ...params, ...(n.code ? { code: n.code } : {}) }, lang);
  }
}
