// The MitID login over real HTTP: the app's OpenID client against the MitID
// sandbox (oidc-provider), with the test playing the citizen's browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MitidClient, MitidLoginError, type MitidLoginRequest } from '../../../src-main/mitid/mitid-client';
import { generateSigningKey, SANDBOX_CLIENT_ID, startMitidSandbox, type RunningMitidSandbox } from '../../../src-main/sandbox/mitid/mitid-sandbox';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { playBrowser, submitLoginExpectingPage, type BrowserChoice } from '../helpers/mitid-browser';
import { startTamperingProxy, type TamperingProxy } from '../helpers/tampering-proxy';

const karen = TEST_CITIZENS[0]!;
const soren = TEST_CITIZENS[1]!;
const SUBSTANTIAL = 'urn:grn:authn:dk:mitid:substantial';
const request = (over: Partial<MitidLoginRequest> = {}): MitidLoginRequest => ({ acr: SUBSTANTIAL, askForCpr: true, uiLocale: 'da', ...over });

/** A client whose "system browser" is the test playing the login page. */
function clientPlaying(issuer: string, choice: BrowserChoice, opts: { clientId?: string; secret?: string | null; timeoutMs?: number } = {}) {
  const visits: Promise<unknown>[] = [];
  const client = new MitidClient(
    { issuer, clientId: opts.clientId ?? SANDBOX_CLIENT_ID, clientSecret: opts.secret ?? null },
    { open: (url) => void visits.push(playBrowser(url, choice).catch((e: unknown) => e)) },
    { timeoutMs: opts.timeoutMs ?? 60_000 },
  );
  return { client, visits };
}

async function failureOf(promise: Promise<unknown>): Promise<MitidLoginError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MitidLoginError);
    return error as MitidLoginError;
  }
  throw new Error('expected the login to be refused');
}

describe('MitID login against the sandbox provider', () => {
  let sandbox: RunningMitidSandbox;
  beforeAll(async () => {
    sandbox = await startMitidSandbox({
      port: 0,
      clients: [
        { clientId: SANDBOX_CLIENT_ID, redirectUris: ['http://127.0.0.1/callback'] },
        { clientId: 'confidential-app', clientSecret: 'a-long-enough-client-secret-for-the-sandbox', redirectUris: ['http://127.0.0.1/callback'] },
      ],
    });
  });
  afterAll(() => sandbox.close());

  it('serves Idura-shaped discovery and a JWKS with an RS256 key', async () => {
    const meta = (await (await fetch(`${sandbox.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(sandbox.issuer);
    expect(meta.authorization_endpoint).toBe(`${sandbox.issuer}/oauth2/authorize`);
    expect(meta.token_endpoint).toBe(`${sandbox.issuer}/oauth2/token`);
    expect(meta.jwks_uri).toBe(`${sandbox.issuer}/.well-known/jwks`);
    expect(meta.acr_values_supported).toContain(SUBSTANTIAL);
    expect(meta.scopes_supported).toContain('ssn');
    const jwks = (await (await fetch(String(meta.jwks_uri))).json()) as { keys: { kty: string; alg?: string; d?: string }[] };
    expect(jwks.keys[0]?.kty).toBe('RSA');
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('logs a test citizen in with PKCE, state and nonce, and reads the claims including the CPR', async () => {
    const { client, visits } = clientPlaying(sandbox.issuer, { citizenUuid: karen.uuid, cpr: karen.cpr });
    const pending = await client.begin(request({ message: 'Log ind for at udfylde skemaet', action: 'login' }));
    const url = new URL(pending.authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')).toBe('openid ssn');
    expect(url.searchParams.get('acr_values')).toBe(SUBSTANTIAL);
    expect(url.searchParams.get('ui_locales')).toBe('da');
    expect(url.searchParams.get('login_hint')).toMatch(/^message:[A-Za-z0-9_-]+ action:login$/);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const identity = await pending.result;
    expect(identity).toMatchObject({
      uuid: karen.uuid,
      name: 'Karen Holm',
      givenName: 'Karen',
      familyName: 'Holm',
      birthdate: '1980-01-01',
      cpr: karen.cpr,
      acr: SUBSTANTIAL,
    });
    const visit = (await visits[0]) as { loginPage: string; callbackStatus: number };
    expect(visit.loginPage).toContain('Log ind for at udfylde skemaet');
    expect(visit.callbackStatus).toBe(200);
  });

  it('leaves the CPR out without the ssn scope, and uses another loopback port each login', async () => {
    const { client } = clientPlaying(sandbox.issuer, { citizenUuid: soren.uuid });
    const a = await client.begin(request({ askForCpr: false }));
    const identity = await a.result;
    expect(identity.cpr).toBeNull();
    expect(identity.name).toBe('Søren Østergård');
    const b = await client.begin(request({ askForCpr: false }));
    await b.result;
    expect(new URL(a.authorizationUrl).searchParams.get('redirect_uri')).not.toBe(new URL(b.authorizationUrl).searchParams.get('redirect_uri'));
  });

  it('checks a typed CPR against the MitID identity', async () => {
    const client = new MitidClient({ issuer: sandbox.issuer, clientId: SANDBOX_CLIENT_ID, clientSecret: null }, { open: () => {} });
    const pending = await client.begin(request());
    const page = await submitLoginExpectingPage(pending.authorizationUrl, { citizenUuid: karen.uuid, cpr: soren.cpr });
    expect(page).toContain('CPR-nummeret passer ikke');
    pending.cancel();
    expect((await failureOf(pending.result)).reason).toBe('cancelled');
  });

  it('works for a confidential client with a client secret (HTTP Basic)', async () => {
    const { client } = clientPlaying(sandbox.issuer, { citizenUuid: karen.uuid }, { clientId: 'confidential-app', secret: 'a-long-enough-client-secret-for-the-sandbox' });
    expect((await (await client.begin(request({ askForCpr: false }))).result).uuid).toBe(karen.uuid);
  });

  it('gives MitID Erhverv logins their own uuid and the CVR', async () => {
    const { client } = clientPlaying(sandbox.issuer, { citizenUuid: karen.uuid });
    const identity = await (await client.begin(request({ askForCpr: false, acr: 'urn:grn:authn:dk:mitid:business' }))).result;
    expect(identity.acr).toBe('urn:grn:authn:dk:mitid:business');
    expect(identity.uuid).not.toBe(karen.uuid);
    expect(identity.cvr).toBe('12345678');
  });

  it('refuses a callback with the wrong state', async () => {
    const { client } = clientPlaying(sandbox.issuer, { citizenUuid: karen.uuid, cpr: karen.cpr, rewriteCallback: (u) => u.searchParams.set('state', 'forged-state') });
    const failure = await failureOf((await client.begin(request())).result);
    expect(failure.reason).toBe('refused');
    expect(failure.message).toMatch(/state/i);
  });

  it('refuses an id_token with the wrong nonce', async () => {
    const { client } = clientPlaying(sandbox.issuer, { citizenUuid: karen.uuid, cpr: karen.cpr, rewriteAuthorizationUrl: (u) => u.searchParams.set('nonce', 'another-nonce') });
    const failure = await failureOf((await client.begin(request())).result);
    expect(failure.reason).toBe('refused');
    expect(failure.message).toMatch(/nonce/i);
  });

  it('reports a cancelled login and mitid_core_client_error as such', async () => {
    const cancelled = clientPlaying(sandbox.issuer, { outcome: 'cancel' });
    expect((await failureOf((await cancelled.client.begin(request())).result)).reason).toBe('cancelled');
    const core = clientPlaying(sandbox.issuer, { citizenUuid: karen.uuid, outcome: 'core_error' });
    expect((await failureOf((await core.client.begin(request())).result)).reason).toBe('core_client_error');
  });

  it('simulates a slow login: the result waits for it', async () => {
    const slow = await startMitidSandbox({ port: 0, slowLoginMs: 600 });
    try {
      const { client } = clientPlaying(slow.issuer, { citizenUuid: karen.uuid, slow: true });
      const started = Date.now();
      const identity = await (await client.begin(request({ askForCpr: false }))).result;
      expect(identity.uuid).toBe(karen.uuid);
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    } finally {
      await slow.close();
    }
  });

  it('times out when the browser never comes back, and the listener is closed', async () => {
    const client = new MitidClient({ issuer: sandbox.issuer, clientId: SANDBOX_CLIENT_ID, clientSecret: null }, { open: () => {} }, { timeoutMs: 300 });
    const pending = await client.begin(request());
    expect((await failureOf(pending.result)).reason).toBe('timeout');
    const redirect = new URL(pending.authorizationUrl).searchParams.get('redirect_uri') ?? '';
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('reports Idura\'s rate limit (HTTP 429 at the token endpoint) as such', async () => {
    const limited = await startMitidSandbox({ port: 0 });
    try {
      // The limit starts between the login and the code redemption.
      const { client } = clientPlaying(limited.issuer, { citizenUuid: karen.uuid, rewriteCallback: () => limited.setRateLimit(30) });
      const failure = await failureOf((await client.begin(request({ askForCpr: false }))).result);
      expect(failure.reason).toBe('rate_limited');
      expect(failure.message).toContain('retry after 30');
    } finally {
      await limited.close();
    }
  });

  it('refuses to talk plain http to anything but this machine', async () => {
    const client = new MitidClient({ issuer: 'http://kommune.idura.broker', clientId: 'x', clientSecret: null }, { open: () => {} });
    expect((await failureOf(client.begin(request()))).reason).toBe('unreachable');
  });
});

describe('MitID id_tokens the client must refuse (tampering proxy in front of the sandbox)', () => {
  let proxy: TamperingProxy;
  let sandbox: RunningMitidSandbox;
  const providerKey = generateSigningKey('sandbox-key');
  const strangerKey = generateSigningKey('sandbox-key'); // same kid, different key: the signature must fail
  beforeAll(async () => {
    proxy = await startTamperingProxy();
    sandbox = await startMitidSandbox({ port: 0, issuer: proxy.url, jwks: { keys: [providerKey] } });
    proxy.setTarget(sandbox.port);
  });
  afterAll(async () => {
    await sandbox.close();
    await proxy.close();
  });

  const loginWith = async (tamper: TamperingProxy['tamper'], over: Partial<MitidLoginRequest> = {}) => {
    proxy.tamper = tamper;
    const { client } = clientPlaying(proxy.url, { citizenUuid: karen.uuid, cpr: karen.cpr });
    return (await client.begin(request(over))).result;
  };

  it('accepts the untouched token re-signed with the provider key (the proxy itself is sound)', async () => {
    const identity = await loginWith({ claims: (c) => c, key: providerKey });
    expect(identity.uuid).toBe(karen.uuid);
  });

  it('accepts expires_in sent as a string, as Idura sometimes does', async () => {
    const identity = await loginWith({ claims: (c) => c, key: providerKey, body: (json) => void (json.expires_in = String(json.expires_in)) });
    expect(identity.uuid).toBe(karen.uuid);
  });

  it('refuses an id_token signed by an unknown key', async () => {
    const failure = await failureOf(loginWith({ claims: (c) => c, key: strangerKey }));
    expect(failure.reason).toBe('refused');
    expect(failure.message).toMatch(/signature/i);
  });

  it('refuses an expired id_token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const failure = await failureOf(loginWith({ claims: (c) => ({ ...c, iat: past - 600, exp: past }), key: providerKey }));
    expect(failure.reason).toBe('refused');
    expect(failure.message).toMatch(/exp/i);
  });

  it('refuses an id_token from another issuer', async () => {
    const failure = await failureOf(loginWith({ claims: (c) => ({ ...c, iss: 'https://evil.idura.broker' }), key: providerKey }));
    expect(failure.reason).toBe('refused');
    expect(failure.message).toMatch(/iss/i);
  });

  it('refuses an id_token for another audience', async () => {
    const failure = await failureOf(loginWith({ claims: (c) => ({ ...c, aud: 'someone-else' }), key: providerKey }));
    expect(failure.reason).toBe('refused');
    expect(failure.message).toMatch(/aud/i);
  });

  it('refuses a token whose level is weaker than the one asked for (authenticationtype or acr)', async () => {
    const LOW = 'urn:grn:authn:dk:mitid:low';
    const viaIdura = await failureOf(loginWith({ claims: (c) => ({ ...c, authenticationtype: LOW }), key: providerKey }));
    expect(viaIdura.reason).toBe('weaker_level');
    const viaAcr = await failureOf(loginWith({ claims: (c) => ({ ...c, acr: LOW }), key: providerKey }));
    expect(viaAcr.reason).toBe('weaker_level');
    // A stronger level than asked for is fine.
    const HIGH = 'urn:grn:authn:dk:mitid:high';
    expect((await loginWith({ claims: (c) => ({ ...c, authenticationtype: HIGH, acr: HIGH }), key: providerKey })).uuid).toBe(karen.uuid);
  });

  it('refuses a private MitID token when MitID Erhverv was asked for', async () => {
    const failure = await failureOf(
      loginWith({ claims: (c) => ({ ...c, authenticationtype: 'urn:grn:authn:dk:mitid:high', acr: 'urn:grn:authn:dk:mitid:high' }), key: providerKey }, { acr: 'urn:grn:authn:dk:mitid:business', askForCpr: false }),
    );
    expect(failure.reason).toBe('weaker_level');
  });

  it('refuses a token without the CPR when the CPR was asked for', async () => {
    const failure = await failureOf(
      loginWith({
        claims: ({ cprNumberIdentifier: _dropped, ...c }) => c,
        key: providerKey,
      }),
    );
    expect(failure.reason).toBe('missing_cpr');
    expect(failure.message).not.toContain(karen.cpr);
  });
});
