import type { ConnectionCheckView, Language } from '../contract';

/**
 * "Test forbindelsen" for MitID and Signatures: what a probe of the values in
 * the form came to, named in the administrator's language. Digital Post has its
 * own, richer set (digital-post/transport/connection-text.ts): mutual TLS there.
 */
export type ProbeCause =
  | 'ok'
  | 'no_sandbox'
  | 'not_https'
  | 'unreachable'
  | 'timeout'
  | 'wrong_domain'
  | 'wrong_endpoint'
  | 'wrong_client'
  | 'no_secret'
  | 'server';

export interface ProbeParams {
  service: 'mitid' | 'signatures';
  /** The address asked. */
  base: string;
  status?: number;
  /** The network error code, e.g. ECONNREFUSED or ENOTFOUND. */
  code?: string;
  clientId?: string;
}

const PROBLEM: Record<ProbeCause, ConnectionCheckView['problem']> = {
  ok: null,
  no_sandbox: 'settings',
  not_https: 'settings',
  unreachable: 'network',
  timeout: 'network',
  wrong_domain: 'settings',
  wrong_endpoint: 'settings',
  wrong_client: 'auth',
  no_secret: 'auth',
  server: 'server',
};

const NAME = { da: { mitid: 'Idura MitID', signatures: 'Idura Signatures' }, en: { mitid: 'Idura MitID', signatures: 'Idura Signatures' } };

type Texts = Record<ProbeCause, (p: ProbeParams, name: string) => string>;

const DA: Texts = {
  ok: (p, n) => `Forbindelsen virker: ${n} på ${p.base} godkendte klient-id'et "${p.clientId}" og hemmeligheden i formularen.`,
  no_sandbox: () => 'Sandkassen kører ikke i denne app, så der er intet at teste imod. Start appen igen, eller angiv et rigtigt domæne.',
  not_https: (p) => `Adressen ${p.base} skal bruge https (http kun til sandkassen på denne computer).`,
  unreachable: (p) => `Kunne ikke nå ${p.base}${p.code ? ` (${p.code})` : ''}. Kontrollér adressen og netværksforbindelsen eller firewallen.`,
  timeout: (p) => `${p.base} svarede ikke i tide. Netværket eller tjenesten er langsom eller blokeret.`,
  wrong_domain: (p) => `${p.base} svarer, men ikke som et Idura-domæne (ingen gyldig OpenID Connect-opsætning${p.status ? `, HTTP ${p.status}` : ''}). Domænet er sandsynligvis forkert.`,
  wrong_endpoint: (p) => `${p.base} svarer, men ikke som Idura Signatures' GraphQL-adresse${p.status ? ` (HTTP ${p.status})` : ''}. Adressen er sandsynligvis forkert.`,
  wrong_client: (p, n) => `${n} afviste klient-id'et "${p.clientId}" eller hemmeligheden${p.status ? ` (HTTP ${p.status})` : ''}. Kontrollér begge i Idura-dashboardet.`,
  no_secret: (p, n) => `Der er ingen klienthemmelighed i formularen, og ingen er gemt. ${n} kræver en til klient-id'et "${p.clientId}".`,
  server: (p, n) => `${n} svarede HTTP ${p.status ?? '?'}, som ikke er et gyldigt svar. Tjenesten kan være nede.`,
};

const EN: Texts = {
  ok: (p, n) => `The connection works: ${n} at ${p.base} accepted the client id "${p.clientId}" and the secret in the form.`,
  no_sandbox: () => 'The sandbox is not running in this app, so there is nothing to test against. Start the app again, or enter a real domain.',
  not_https: (p) => `The address ${p.base} must use https (http only for the sandbox on this computer).`,
  unreachable: (p) => `Could not reach ${p.base}${p.code ? ` (${p.code})` : ''}. Check the address and the network connection or firewall.`,
  timeout: (p) => `${p.base} did not answer in time. The network or the service is slow or blocked.`,
  wrong_domain: (p) => `${p.base} answers, but not as an Idura domain (no valid OpenID Connect configuration${p.status ? `, HTTP ${p.status}` : ''}). The domain is probably wrong.`,
  wrong_endpoint: (p) => `${p.base} answers, but not as Idura Signatures' GraphQL address${p.status ? ` (HTTP ${p.status})` : ''}. The address is probably wrong.`,
  wrong_client: (p, n) => `${n} refused the client id "${p.clientId}" or the secret${p.status ? ` (HTTP ${p.status})` : ''}. Check both in the Idura dashboard.`,
  no_secret: (p, n) => `There is no client secret in the form and none is stored. ${n} needs one for the client id "${p.clientId}".`,
  server: (p, n) => `${n} answered HTTP ${p.status ?? '?'}, which is not a proper answer. The service may be down.`,
};

/** A probe's finding in the reader's language: main words it for the CLI, the renderer at display time. */
export function probeText(cause: ProbeCause, params: ProbeParams, lang: Language): string {
  const texts = lang === 'en' ? EN : DA;
  return texts[cause](params, NAME[lang === 'en' ? 'en' : 'da'][params.service]);
}

export const isProbeCause = (cause: string | null): cause is ProbeCause => cause !== null && cause in PROBLEM;

export function probeResult(cause: ProbeCause, params: ProbeParams, lang: Language): ConnectionCheckView {
  return { ok: cause === 'ok', problem: PROBLEM[cause], detail: probeText(cause, params, lang), cause, params };
}

/** A failed fetch sorted into unreachable or timeout, with the system's error code. */
export function networkCause(error: unknown): { cause: 'unreachable' | 'timeout'; code?: string } {
  const e = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.cause?.name === 'TimeoutError') return { cause: 'timeout' };
  const code = e.cause?.code ?? e.code;
  return { cause: 'unreachable', ...(code ? { code } : {}) };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or plain http to this computer (the sandboxes); null when the text is no URL. */
export function checkedUrl(text: string): { url: URL; secure: boolean } | null {
  try {
    const url = new URL(text);
    if (url.protocol === 'https:') return { url, secure: true };
    if (url.protocol === 'http:') return { url, secure: LOOPBACK.has(url.hostname) };
    return null;
  } catch {
    return null;
  }
}

export const PROBE_TIMEOUT_MS = 10_000;
