// Pure texts (no Node imports): the renderer words a connection check's cause from these at display time.
import type { ConnectionCause, ConnectionProblem } from './transport';

export type ConnectionLanguage = 'da' | 'en';

export interface CauseParams {
  /** The address asked. */
  base?: string;
  status?: number;
  /** The network or TLS error code, e.g. ECONNREFUSED. */
  code?: string;
  /** The access point's own message (ErrorMessage.message), if it gave one. */
  server?: string;
}

export const PROBLEM: Record<ConnectionCause, ConnectionProblem | null> = {
  ok: null,
  no_client_certificate: 'certificate',
  certificate_refused: 'certificate',
  server_not_trusted: 'certificate',
  tls_failed: 'certificate',
  no_credential: 'auth',
  wrong_credential: 'auth',
  http_status: 'server',
  not_found: 'server',
  improper_answer: 'server',
  unreachable: 'network',
  timeout: 'network',
  reset: 'network',
};

type Texts = Record<ConnectionCause, (p: CauseParams) => string>;

const DA: Texts = {
  ok: (p) => `${p.base} svarede korrekt`,
  no_client_certificate: () => 'Adgangspunktet kræver et klientcertifikat (mutual TLS), men der er intet systemcertifikat valgt. Vælg organisationens PKCS#12-fil (.p12/.pfx).',
  certificate_refused: (p) => `Adgangspunktet afviste systemcertifikatet${p.status ? ` (HTTP ${p.status})` : p.code ? ` (${p.code})` : ''}. Kontrollér at certifikatet er gyldigt og registreret til dette afsendersystem.`,
  server_not_trusted: (p) => `Serverens certifikat er ikke betroet (${p.code ?? 'TLS'}). Kontrollér adressen; brug kun den officielle adresse for adgangspunktet.`,
  tls_failed: (p) => `Den sikre forbindelse (TLS) mislykkedes (${p.code ?? 'TLS'}).`,
  no_credential: () => 'Der er ingen Basic-værdi (systemets API-nøgle: to UUID\'er "uuidA:uuidB") angivet. Indtast den fra afsendersystemets registrering.',
  wrong_credential: (p) => `Adgangspunktet afviste Basic-værdien (HTTP ${p.status ?? 401}). Kontrollér systemets API-nøgle ("uuidA:uuidB") fra registreringen.`,
  http_status: (p) => `Adgangspunktet svarede HTTP ${p.status}; det er ikke et gyldigt svar. Tjenesten kan være nede eller adressen forkert.`,
  not_found: (p) => `Adgangspunktet svarede HTTP 404 (ikke fundet): adressen ${p.base} er sandsynligvis forkert.`,
  improper_answer: (p) => `${p.base} svarede, men ikke som adgangspunktet skal (intet gyldigt JSON-svar). Kontrollér adressen.`,
  unreachable: (p) => `Kunne ikke nå ${p.base} (${p.code}). Kontrollér adressen og netværksforbindelsen eller firewallen.`,
  timeout: (p) => `${p.base} svarede ikke i tide. Netværket eller adgangspunktet er langsomt eller blokeret.`,
  reset: (p) => `Forbindelsen til ${p.base} blev lukket uventet (${p.code}).`,
};

const EN: Texts = {
  ok: (p) => `${p.base} answered properly`,
  no_client_certificate: () => 'The access point requires a client certificate (mutual TLS), but no system certificate is chosen. Choose the organisation\'s PKCS#12 file (.p12/.pfx).',
  certificate_refused: (p) => `The access point refused the system certificate${p.status ? ` (HTTP ${p.status})` : p.code ? ` (${p.code})` : ''}. Check that the certificate is valid and registered for this sender system.`,
  server_not_trusted: (p) => `The server's certificate is not trusted (${p.code ?? 'TLS'}). Check the address; use only the access point's official address.`,
  tls_failed: (p) => `The secure connection (TLS) failed (${p.code ?? 'TLS'}).`,
  no_credential: () => 'No Basic value (the system\'s API credential: two UUIDs "uuidA:uuidB") is entered. Enter it from the sender system\'s registration.',
  wrong_credential: (p) => `The access point refused the Basic value (HTTP ${p.status ?? 401}). Check the system's API credential ("uuidA:uuidB") from the registration.`,
  http_status: (p) => `The access point answered HTTP ${p.status}, which is not a proper answer. The service may be down or the address wrong.`,
  not_found: (p) => `The access point answered HTTP 404 (not found): the address ${p.base} is probably wrong.`,
  improper_answer: (p) => `${p.base} answered, but not as the access point does (no valid JSON answer). Check the address.`,
  unreachable: (p) => `Could not reach ${p.base} (${p.code}). Check the address and the network connection or firewall.`,
  timeout: (p) => `${p.base} did not answer in time. The network or the access point is slow or blocked.`,
  reset: (p) => `The connection to ${p.base} was closed unexpectedly (${p.code}).`,
};

/** One cause in `lang`; main (CLI, logs) and the renderer word it from the same texts. */
export const connectionCauseText = (cause: ConnectionCause, params: CauseParams, lang: ConnectionLanguage): string => (lang === 'en' ? EN : DA)[cause](params);
