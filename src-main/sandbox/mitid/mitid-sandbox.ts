import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { RunningSimulator } from '../simulator';
import { TEST_CITIZENS, type TestCitizen } from '../test-citizens';
import { donePage, loginPage } from './login-page';
import { citizenClaims, DEFAULT_ACR, MITID_ACR_VALUES, pseudonymousSub, SANDBOX_CLAIMS, type MitidAcr } from './sandbox-claims';

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
  /** Private signing keys (JWK set). Generated per start when omitted. */
  jwks?: { keys: Record<string, unknown>[] };
  clients?: MitidSandboxClient[];
  /** How long the "slow login" switch waits before answering. */
  slowLoginMs?: number;
}

export const SANDBOX_CLIENT_ID = 'caseworker-desktop';

/** The app's own registration: a public native client with a loopback redirect. */
export const DEFAULT_SANDBOX_CLIENTS: MitidSandboxClient[] = [
  { clientId: SANDBOX_CLIENT_ID, redirectUris: ['http://127.0.0.1/callback'] },
];

export interface RunningMitidSandbox extends RunningSimulator {
  issuer: string;
  port: number;
}

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
}

/** `login_hint` is space separated: `sub:<CPR> message:<base64url> action:<verb>`. */
function parseLoginHint(hint: unknown): LoginHint {
  const out: LoginHint = { cpr: '', message: '', action: '' };
  if (typeof hint !== 'string') return out;
  for (const part of hint.split(' ')) {
    const [key, ...rest] = part.split(':');
    const value = rest.join(':');
    if (key === 'sub') out.cpr = value;
    if (key === 'action') out.action = value;
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

const requestedAcr = (acrValues: unknown): MitidAcr => {
  const first = typeof acrValues === 'string' ? acrValues.split(' ')[0] : undefined;
  return (MITID_ACR_VALUES as readonly string[]).includes(first ?? '') ? (first as MitidAcr) : DEFAULT_ACR;
};

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
  const citizenBySub = new Map<string, TestCitizen>(TEST_CITIZENS.map((c) => [pseudonymousSub(tenant, c.uuid), c]));

  const configuration: Configuration = {
    clients: (options.clients ?? DEFAULT_SANDBOX_CLIENTS).map((c) => ({
      client_id: c.clientId,
      ...(c.clientSecret ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
      application_type: 'native',
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: (options.jwks ?? { keys: [generateSigningKey()] }) as Configuration['jwks'],
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
    findAccount: (ctx, sub, token) => {
      const citizen = citizenBySub.get(sub);
      if (!citizen) return undefined;
      const acr = ((token as { acr?: string } | undefined)?.acr ?? ctx.oidc.session?.acr ?? DEFAULT_ACR) as MitidAcr;
      return {
        accountId: sub,
        claims: (_use, scope) => citizenClaims(citizen, { sub, acr, withCpr: scope.split(' ').includes('ssn'), now: new Date() }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const providerCallback = provider.callback();

  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, step: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return html(res, 400, donePage('Interaction mismatch'));
    const params = details.params as Record<string, unknown>;
    const asksForCpr = typeof params.scope === 'string' && params.scope.split(' ').includes('ssn');
    const hint = parseLoginHint(params.login_hint);
    const acr = requestedAcr(params.acr_values);
    const model = {
      uid,
      clientId: String(params.client_id),
      acr,
      asksForCpr,
      prefilledCpr: hint.cpr,
      message: hint.message,
      action: hint.action,
      error: '',
      language: params.ui_locales === 'en' ? ('en' as const) : ('da' as const),
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
    if (asksForCpr) {
      // Idura checks the typed CPR against the MitID identity before it answers.
      const typed = (form.get('cpr') ?? '').replace(/[\s-]/g, '');
      if (typed !== citizen.cpr) {
        const error = model.language === 'da' ? 'CPR-nummeret passer ikke til MitID-identiteten.' : 'The CPR number does not match the MitID identity.';
        return html(res, 200, loginPage({ ...model, prefilledCpr: '', error }));
      }
    }
    return finish({ login: { accountId: pseudonymousSub(tenant, citizen.uuid), acr, amr: ['mitid'] } });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|cancel))?$/.exec((req.url ?? '').split('?')[0] ?? '');
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
