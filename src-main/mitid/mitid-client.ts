import * as oidc from 'openid-client';
import type { MitidFailureReason } from '../contract';
import type { BrowserOpener } from './browser-opener';
import { startLoopbackListener } from './loopback-listener';
import { acrSatisfies } from './mitid-levels';
import { identityFromClaims, type MitidIdentity } from './mitid-identity';

/**
 * Why a login produced no identity; each has its own message for the caseworker.
 * The contract's list, so the renderer words exactly the reasons main can give.
 */
export type MitidFailure = MitidFailureReason;

export class MitidLoginError extends Error {
  constructor(
    readonly reason: MitidFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Where and as whom the app talks to Idura. */
export interface MitidConnection {
  /** e.g. `https://kommune.idura.broker`, or the sandbox's `http://127.0.0.1:4010`. */
  issuer: string;
  clientId: string;
  /** Null for a public client (PKCE only), as Idura recommends for desktop apps. */
  clientSecret: string | null;
}

export interface MitidLoginRequest {
  acr: string;
  /** Ask for the CPR (`ssn` scope): MitID prompts the citizen and Idura checks it. */
  askForCpr: boolean;
  uiLocale: 'da' | 'en';
  /** Shown in the MitID app (login_hint `message:`, at most 130 characters). */
  message?: string;
  /** login_hint `action:` (confirm, accept, approve, sign, login). */
  action?: string;
}

export interface PendingMitidLogin {
  authorizationUrl: string;
  /** Resolves with the identity, or rejects with a MitidLoginError. */
  result: Promise<MitidIdentity>;
  cancel(): void;
}

const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');

/** Base64url without padding, as Idura wants the login_hint message. */
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * The app's OpenID Connect client for Idura MitID (RFC 8252 native-app flow):
 * authorization code + PKCE S256 with `state` and `nonce`, the system browser,
 * and a one-shot loopback redirect on 127.0.0.1. The id_token's signature is
 * checked against the provider's JWKS (loaded from metadata, never pinned), as
 * are `iss`, `aud`, `exp` and `nonce`. It also holds the provider to what it
 * asked for: a weaker level than requested, or no CPR when the CPR was asked
 * for, is refused. Tokens are dropped once the claims are read.
 */
export class MitidClient {
  private config: oidc.Configuration | null = null;

  constructor(
    private readonly connection: MitidConnection,
    private readonly opener: BrowserOpener,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  private async configuration(): Promise<oidc.Configuration> {
    if (this.config) return this.config;
    const issuer = new URL(this.connection.issuer);
    // Plain http is only for the sandbox on this machine; a real tenant is always https.
    if (issuer.protocol !== 'https:' && !isLoopbackHttp(issuer)) {
      throw new MitidLoginError('unreachable', 'the MitID domain must use https');
    }
    const auth = this.connection.clientSecret ? oidc.ClientSecretBasic(this.connection.clientSecret) : oidc.None();
    try {
      const config = await oidc.discovery(issuer, this.connection.clientId, undefined, auth, {
        execute: isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: 15,
      });
      // Check the id_token's JWS signature too, not only TLS to the token endpoint.
      oidc.enableNonRepudiationChecks(config);
      this.config = config;
      return config;
    } catch (error) {
      throw new MitidLoginError('unreachable', `could not read the MitID provider's metadata: ${(error as Error).message}`);
    }
  }

  /** Starts a login: opens the browser and waits (up to the timeout) for the loopback redirect. */
  async begin(request: MitidLoginRequest): Promise<PendingMitidLogin> {
    const config = await this.configuration();
    const listener = await startLoopbackListener();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const hint = [request.message ? `message:${base64url(request.message.slice(0, 130))}` : '', request.action ? `action:${request.action}` : '']
      .filter(Boolean)
      .join(' ');
    const params: Record<string, string> = {
      redirect_uri: listener.redirectUri,
      scope: request.askForCpr ? 'openid ssn' : 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      acr_values: request.acr,
      ui_locales: request.uiLocale,
      // Every login is a fresh MitID login, never a silent SSO.
      prompt: 'login',
    };
    if (hint) params.login_hint = hint;
    const authorizationUrl = oidc.buildAuthorizationUrl(config, params).href;

    let timer: NodeJS.Timeout | undefined;
    let cancelled: (() => void) | undefined;
    const stop = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new MitidLoginError('timeout', 'the MitID login timed out')), this.options.timeoutMs ?? 5 * 60_000);
      cancelled = () => reject(new MitidLoginError('cancelled', 'the MitID login was cancelled in the app'));
    });
    const result = (async () => {
      try {
        const callbackUrl = await Promise.race([listener.callback, stop]);
        return await this.finish(config, callbackUrl, { codeVerifier, state, nonce }, request);
      } finally {
        clearTimeout(timer);
        listener.close();
      }
    })();
    result.catch(() => {});
    await this.opener.open(authorizationUrl);
    return { authorizationUrl, result, cancel: () => cancelled?.() };
  }

  private async finish(
    config: oidc.Configuration,
    callbackUrl: URL,
    checks: { codeVerifier: string; state: string; nonce: string },
    request: MitidLoginRequest,
  ): Promise<MitidIdentity> {
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() as Record<string, unknown> | undefined;
      // The access token is never used: MitID's claims are all in the id_token.
    } catch (error) {
      throw toLoginError(error);
    }
    if (!claims) throw new MitidLoginError('refused', 'the provider sent no id_token');
    let identity: MitidIdentity;
    try {
      identity = identityFromClaims(claims);
    } catch {
      throw new MitidLoginError('invalid_claims', 'the id_token lacks the MitID claims the app needs');
    }
    // Both claims must give the level asked for: Idura's `authenticationtype` and the OIDC `acr`.
    const levels = [claims.authenticationtype, claims.acr].filter((v): v is string => typeof v === 'string');
    if (levels.length === 0 || !levels.every((level) => acrSatisfies(request.acr, level))) {
      throw new MitidLoginError('weaker_level', `the login's level (${levels.join(', ') || 'none'}) does not meet the requested ${request.acr}`);
    }
    if (request.askForCpr && identity.cpr === null) throw new MitidLoginError('missing_cpr', 'the CPR number was asked for and the id_token carries none');
    return identity;
  }
}

function toLoginError(error: unknown): MitidLoginError {
  if (error instanceof oidc.AuthorizationResponseError) {
    if (error.error === 'access_denied') {
      const cancelled = /cancel/i.test(error.error_description ?? '');
      return new MitidLoginError(cancelled ? 'cancelled' : 'access_denied', `MitID answered ${error.error}`);
    }
    if (error.error === 'mitid_core_client_error') return new MitidLoginError('core_client_error', 'MitID answered mitid_core_client_error');
    return new MitidLoginError('access_denied', `MitID answered ${error.error}`);
  }
  if (error instanceof oidc.ResponseBodyError && error.status === 429) {
    const retryAfter = error.response.headers.get('retry-after');
    return new MitidLoginError('rate_limited', `MitID answered 429 (rate limited)${retryAfter ? `; retry after ${retryAfter} s` : ''}`);
  }
  // Everything else (wrong state, nonce, issuer, audience, signature, expiry) is a refused response.
  // oauth4webapi puts the precise check that failed (e.g. unexpected "nonce" claim value) in the cause; it never holds claim values.
  const e = error as { code?: string; message?: string; cause?: unknown };
  const why = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return new MitidLoginError('refused', `the MitID response was refused (${e.code ?? 'error'}) ${e.message ?? String(error)}${why}`);
}
