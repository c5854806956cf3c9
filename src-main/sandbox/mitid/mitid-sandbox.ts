import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { RunningSimulator } from '../simulator';
import { TEST_CITIZENS, type TestCitizen } from '../test-citizens';
import { donePage, loginPage } from './login-page';
import { businessUuid, citizenClaims, DEFAULT_ACR, MITID_ACR_VALUES, pseudonymousSub, SANDBOX_CLAIMS, type MitidAcr } from './sandbox-claims';

/** A client registered with the sandbox tenant, like an application in the Idura dashboard. */
export interface MitidSandboxClient {
  clientId: string;
  /** Omit for a public (native) client, which must then use PKCE. */
  clientSecret?: string;
  /** Loopback redirect URIs match with any port (RFC 8252, native apps). */
  redirectUris: string[];
}

export interface MitidSandboxOptions {
  port: number;
  /** Defaults to `http://127.0.0.1:<port>`. Tests put a proxy in front and pass its URL. */
  issuer?: string;
  /**
   * Private signing keys (JWK set); the first signs the id_tokens. Generated per
   * start when omitted: a MitID key (which signs) and the tenant's general key,
   * as Idura keeps a separate key for MitID.
   */
  jwks?: { keys: Record<string, unknown>[] };
  clients?: MitidSandboxClient[];
  /** How long the "slow login" switch waits before answering. */
  slowLoginMs?: number;
  /** Start rate-limited: authorize and token answer 429 with this Retry-After (seconds). */
  rateLimitRetryAfterSeconds?: number;
}

export const SANDBOX_CLIENT_ID = 'caseworker-desktop';

/** The app's own registration: a public native client with a loopback redirect. */
export const DEFAULT_SANDBOX_CLIENTS: MitidSandboxClient[] = [
  { clientId: SANDBOX_CLIENT_ID, redirectUris: ['http://127.0.0.1/callback'] },
];

export interface RunningMitidSandbox extends RunningSimulator {
  issuer: string;
  port: number;
  /** The `kid` of the key that signs the id_tokens (listed last in the JWKS, so a client must pick by kid). */
  signingKid: string;
  /** The 429 switch: a number of seconds turns it on (as Retry-After), null turns it off. Also `POST /sandbox/rate-limit`. */
  setRateLimit(retryAfterSeconds: number | null): void;
}

/** The endpoints Idura's rate limit answers 429 on (it counts logins). */
const RATE_LIMITED_PATHS = new Set(['/oauth2/authorize', '/oauth2/token', '/oauth2/par']);

/** The private parts of an RSA JWK: never served. */
const PRIVATE_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth']);
const publicJwk = (jwk: Record<string, unknown>) => Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_JWK_MEMBERS.has(k)));

/** An RS256 key pair as a private JWK, with a kid so the JWKS can carry several. */
export function generateSigningKey(kid = `sandbox-${randomBytes(6).toString('hex')}`): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += (chunk as Buffer).toString();
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

interface LoginHint {
  cpr: string;
  message: string;
  action: string;
  /** `uuid:<uuid>`: re-authentication of a known person. */
  uuid: string;
  /** `scope:ssn`: Idura's fallback for asking for the CPR when the scope cannot be set. */
  scopeSsn: boolean;
}

/** `login_hint` is space separated: `sub:<CPR> message:<base64url> action:<verb> uuid:<uuid> scope:ssn`. */
function parseLoginHint(hint: unknown): LoginHint {
  const out: LoginHint = { cpr: '', message: '', action: '', uuid: '', scopeSsn: false };
  if (typeof hint !== 'string') return out;
  for (const part of hint.split(' ')) {
    const [key, ...rest] = part.split(':');
    const value = rest.join(':');
    if (key === 'sub') out.cpr = value;
    if (key === 'action') out.action = value;
    if (key === 'uuid') out.uuid = value.toLowerCase();
    if (key === 'scope' && value.split(',').includes('ssn')) out.scopeSsn = true;
    if (key === 'message') {
      try {
        out.message = Buffer.from(value, 'base64url').toString('utf8').slice(0, 130);
      } catch {
        out.message = '';
      }
    }
  }
  return out;
}

/**
 * The level asked for. A MitID tenant knows only the four MitID values: any
 * other value (another country's eID, a typo) is refused, never turned into a
 * MitID login. No `acr_values` at all means the tenant's default, substantial.
 */
export function requestedAcr(acrValues: unknown): { acr: MitidAcr } | { unsupported: string } {
  const values = typeof acrValues === 'string' ? acrValues.split(' ').filter(Boolean) : [];
  const unsupported = values.filter((v) => !(MITID_ACR_VALUES as readonly string[]).includes(v));
  if (unsupported.length > 0) return { unsupported: unsupported.join(' ') };
  return { acr: (values[0] as MitidAcr | undefined) ?? DEFAULT_ACR };
}

/** `ui_locales` is a space separated preference list; the first of da, da-DK, en, en-US wins. Danish otherwise. */
export function loginLanguage(uiLocales: unknown): 'da' | 'en' {
  for (const tag of typeof uiLocales === 'string' ? uiLocales.split(' ') : []) {
    const t = tag.toLowerCase();
    if (t === 'da' || t === 'da-dk') return 'da';
    if (t === 'en' || t === 'en-us') return 'en';
  }
  return 'da';
}

/** What one finished login carries: the id_token and userinfo both read these claims, so they cannot disagree. */
interface FinishedLogin {
  claims: { sub: string } & Record<string, unknown>;
  at: number;
}
/** Kept as long as an access token lives (userinfo may be called until then). */
const LOGIN_KEEP_MS = 3600_000;

/**
 * The MitID sandbox: a real OpenID provider (oidc-provider) shaped like an Idura
 * MitID tenant — Idura's endpoint paths, RS256 id_tokens with Idura's claim
 * names, `cprNumberIdentifier` only with the `ssn` scope — and a login page
 * where a tester picks a test citizen instead of using a MitID app.
 */
export async function startMitidSandbox(options: MitidSandboxOptions): Promise<RunningMitidSandbox> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;
  const tenant = new URL(issuer).host;
  const slowMs = options.slowLoginMs ?? 4000;
  let retryAfter: number | null = options.rateLimitRetryAfterSeconds ?? null;
  // Each finished login gets its own account id; its claims are fixed at login (acr, uuid, CPR, CVR).
  const logins = new Map<string, FinishedLogin>();
  const remember = (claims: FinishedLogin['claims']): string => {
    const now = Date.now();
    for (const [id, l] of logins) if (now - l.at > LOGIN_KEEP_MS) logins.delete(id);
    const id = randomBytes(16).toString('base64url');
    logins.set(id, { claims, at: now });
    return id;
  };
  const jwks = options.jwks ?? { keys: [generateSigningKey(`mitid-${randomBytes(6).toString('hex')}`), generateSigningKey(`idura-${randomBytes(6).toString('hex')}`)] };
  const signingKid = String(jwks.keys[0]?.kid ?? '');
  // The JWKS as served: the signing key last, so only a client that selects by kid finds it.
  const servedJwks = JSON.stringify({ keys: [...jwks.keys.slice(1), ...jwks.keys.slice(0, 1)].map(publicJwk) });

  const configuration: Configuration = {
    clients: (options.clients ?? DEFAULT_SANDBOX_CLIENTS).map((c) => ({
      client_id: c.clientId,
      ...(c.clientSecret ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
      application_type: 'native',
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: jwks as Configuration['jwks'],
    routes: {
      authorization: '/oauth2/authorize',
      token: '/oauth2/token',
      userinfo: '/oauth2/userinfo',
      jwks: '/.well-known/jwks',
      end_session: '/oauth2/logout',
      pushed_authorization_request: '/oauth2/par',
    },
    scopes: ['openid', 'ssn'],
    claims: SANDBOX_CLAIMS,
    // Idura puts the MitID claims in the id_token itself, not only behind userinfo.
    conformIdTokenClaims: false,
    acrValues: [...MITID_ACR_VALUES],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: { IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
    // Every login is a fresh MitID login: grant exactly what the client asked for, no consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, accountId) => {
      const login = logins.get(accountId);
      if (!login) return undefined;
      return { accountId, claims: () => ({ ...login.claims }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  // An authorization code is dead after any failed redemption (a wrong PKCE verifier,
  // redirect_uri or client): whoever tried it may have stolen it. oidc-provider only
  // consumes a code on success, so the sandbox destroys it on failure.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/oauth2/token' || ctx.status < 400) return;
    const params = ctx.oidc?.params as Record<string, unknown> | undefined;
    if (params?.grant_type !== 'authorization_code' || typeof params.code !== 'string') return;
    const code = await provider.AuthorizationCode.find(params.code, { ignoreExpiration: true }).catch(() => undefined);
    await code?.destroy();
  });
  const providerCallback = provider.callback();

  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, step: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return html(res, 400, donePage('Interaction mismatch'));
    const params = details.params as Record<string, unknown>;
    const hint = parseLoginHint(params.login_hint);
    const asksForCpr = (typeof params.scope === 'string' && params.scope.split(' ').includes('ssn')) || hint.scopeSsn;
    const level = requestedAcr(params.acr_values);
    if ('unsupported' in level) {
      // Back to the client's redirect URI with an OAuth error, before any login page.
      return void (await provider.interactionFinished(
        req,
        res,
        { error: 'invalid_request', error_description: `acr_values not supported by this tenant: ${level.unsupported}` },
        { mergeWithLastSubmission: false },
      ));
    }
    const { acr } = level;
    const business = acr === 'urn:grn:authn:dk:mitid:business';
    const identityUuid = (c: TestCitizen) => (business ? businessUuid(c) : c.uuid);
    const model = {
      uid,
      clientId: String(params.client_id),
      acr,
      asksForCpr,
      prefilledCpr: hint.cpr,
      message: hint.message,
      action: hint.action,
      error: '',
      language: loginLanguage(params.ui_locales),
      ...(hint.uuid ? { preselectedCitizenUuid: TEST_CITIZENS.find((c) => identityUuid(c) === hint.uuid)?.uuid ?? '' } : {}),
    };
    if (details.prompt.name === 'consent') {
      // No consent screen at MitID: grant what was asked for and carry on.
      const grant = new provider.Grant({ clientId: String(params.client_id), accountId: String(details.session?.accountId) });
      grant.addOIDCScope(String(params.scope));
      const grantId = await grant.save();
      return void (await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true }));
    }
    if (req.method === 'GET' && step === undefined) return html(res, 200, loginPage(model));
    if (req.method !== 'POST') return html(res, 405, donePage('Method not allowed'));
    const form = await readForm(req);
    const finish = (result: Record<string, unknown>) => provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    if (step === 'cancel') return finish({ error: 'access_denied', error_description: 'User cancelled the login' });
    if (step !== 'login') return html(res, 404, donePage('Not found'));
    if (form.get('slow')) await new Promise((r) => setTimeout(r, slowMs));
    if (form.get('outcome') === 'core_error') {
      return finish({ error: 'mitid_core_client_error', error_description: 'MitID core client error (simulated)' });
    }
    const citizen = TEST_CITIZENS.find((c) => c.uuid === form.get('citizen'));
    if (!citizen) return html(res, 400, loginPage({ ...model, error: model.language === 'da' ? 'Vælg en testborger.' : 'Pick a test citizen.' }));
    if (hint.uuid && identityUuid(citizen) !== hint.uuid) {
      // Re-authentication: only the person the client named may log in.
      const error = model.language === 'da' ? 'Dette MitID tilhører ikke den person, der skal logge ind igen.' : 'This MitID does not belong to the person asked to log in again.';
      return html(res, 403, loginPage({ ...model, error }));
    }
    if (asksForCpr) {
      // Idura checks the typed CPR against the MitID identity before it answers.
      const typed = (form.get('cpr') ?? '').replace(/[\s-]/g, '');
      if (typed !== citizen.cpr) {
        const error = model.language === 'da' ? 'CPR-nummeret passer ikke til MitID-identiteten.' : 'The CPR number does not match the MitID identity.';
        return html(res, 200, loginPage({ ...model, prefilledCpr: '', error }));
      }
    }
    const sub = pseudonymousSub(tenant, identityUuid(citizen));
    const accountId = remember(citizenClaims(citizen, { sub, acr, withCpr: asksForCpr, now: new Date() }));
    return finish({ login: { accountId, acr, amr: ['mitid'] } });
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === '/sandbox/rate-limit' && req.method === 'POST') {
      // The tester's 429 switch: retryAfter=<seconds> turns it on, 0 or nothing turns it off.
      readForm(req).then(
        (form) => {
          const seconds = Number(form.get('retryAfter') ?? 0);
          retryAfter = Number.isInteger(seconds) && seconds > 0 ? seconds : null;
          json(res, 200, { rateLimited: retryAfter !== null, retryAfter });
        },
        () => json(res, 400, { error: 'bad form' }),
      );
      return;
    }
    if (retryAfter !== null && RATE_LIMITED_PATHS.has(path)) {
      req.resume();
      // The browser meets the limit at /oauth2/authorize (a page); the client at the token endpoint (OAuth JSON).
      if (path === '/oauth2/authorize') {
        res.writeHead(429, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(retryAfter) });
        return void res.end(donePage('MitID: for mange login-forsøg. Prøv igen om lidt. / Too many login attempts. Try again shortly.'));
      }
      return json(res, 429, { error: 'too_many_requests', error_description: 'Rate limit exceeded (sandbox switch)' }, { 'retry-after': String(retryAfter) });
    }
    if (path === '/.well-known/jwks' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json; charset=utf-8', 'cache-control': 'max-age=60' });
      return void res.end(servedJwks);
    }
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|cancel))?$/.exec(path);
    if (!match) {
      providerCallback(req, res);
      return;
    }
    interaction(req, res, match[1] as string, match[2]).catch((error: unknown) => {
      // The interaction expired or its cookie is missing: say so rather than crash the sandbox.
      if (!res.headersSent) html(res, 400, donePage(`MitID sandbox: ${(error as Error).message}`));
    });
  });

  return {
    name: 'mitid',
    url: issuer,
    issuer,
    port,
    signingKid,
    setRateLimit: (seconds) => {
      retryAfter = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
