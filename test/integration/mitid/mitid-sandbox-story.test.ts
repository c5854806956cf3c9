// The MitID sandbox as an integrator meets it, over raw HTTP (no client library):
// one login tells one story in the id_token and at userinfo, and the request
// parameters Idura documents (acr_values, ui_locales, login_hint) behave as the
// reference says (../shared/reference/idura-mitid.md).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MitidClient } from '../../../src-main/mitid/mitid-client';
import { businessUuid } from '../../../src-main/sandbox/mitid/sandbox-claims';
import { SANDBOX_CLIENT_ID, startMitidSandbox, type RunningMitidSandbox } from '../../../src-main/sandbox/mitid/mitid-sandbox';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { CookieJar, playBrowser } from '../helpers/mitid-browser';

const karen = TEST_CITIZENS[0]!;
const soren = TEST_CITIZENS[1]!;
const LOW = 'urn:grn:authn:dk:mitid:low';
const SUBSTANTIAL = 'urn:grn:authn:dk:mitid:substantial';
const HIGH = 'urn:grn:authn:dk:mitid:high';
const BUSINESS = 'urn:grn:authn:dk:mitid:business';
/** Never followed: the test stops at the redirect and reads the code from it. */
const REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** The OIDC protocol claims of an id_token; everything else is an identity claim userinfo must repeat. */
const PROTOCOL_CLAIMS = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'at_hash', 'c_hash', 's_hash', 'auth_time', 'sid', 'acr', 'amr', 'azp', 'jti']);

const decodePart = (jwt: string, i: 0 | 1) => JSON.parse(Buffer.from(jwt.split('.')[i] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

interface AuthorizeOptions {
  acr?: string | null;
  scope?: string;
  uiLocales?: string;
  loginHint?: string;
}

class RawLogin {
  readonly jar = new CookieJar();
  readonly verifier = randomBytes(32).toString('base64url');
  constructor(private readonly issuer: string) {}

  private async go(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.jar.header() } });
    this.jar.store(res);
    return res;
  }

  /** Follows redirects within the sandbox; stops at the client's redirect URI. */
  private async follow(res: Response, from: string): Promise<{ res: Response; url: URL }> {
    let url = new URL(from);
    for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
      url = new URL(res.headers.get('location') ?? '', url);
      if (url.href.startsWith(REDIRECT_URI)) return { res, url };
      res = await this.go(url.href);
    }
    return { res, url };
  }

  /** Opens the authorization URL: the login page (status 200) or a redirect straight back to the client. */
  async authorize(o: AuthorizeOptions = {}): Promise<{ status: number; url: URL; page: string }> {
    const params = new URLSearchParams({
      client_id: SANDBOX_CLIENT_ID,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: o.scope ?? 'openid',
      state: 'st',
      nonce: 'nn',
      code_challenge: createHash('sha256').update(this.verifier).digest('base64url'),
      code_challenge_method: 'S256',
      prompt: 'login',
    });
    if (o.acr !== null) params.set('acr_values', o.acr ?? SUBSTANTIAL);
    if (o.uiLocales) params.set('ui_locales', o.uiLocales);
    if (o.loginHint) params.set('login_hint', o.loginHint);
    const start = `${this.issuer}/oauth2/authorize?${params}`;
    const { res, url } = await this.follow(await this.go(start), start);
    return { status: res.status, url, page: res.status === 200 ? await res.text() : '' };
  }

  /** Submits the login page: the code on the redirect back, or the page the sandbox answered with. */
  async login(loginPageUrl: URL, form: Record<string, string>): Promise<{ code: string | null; status: number; page: string }> {
    const action = new URL(`${loginPageUrl.pathname}/login`, loginPageUrl).href;
    const posted = await this.go(action, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'login', ...form }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const { res, url } = await this.follow(posted, action);
    if (url.href.startsWith(REDIRECT_URI)) return { code: url.searchParams.get('code'), status: res.status, page: '' };
    return { code: null, status: res.status, page: await res.text() };
  }
}

async function redeem(issuer: string, code: string, verifier: string): Promise<Response> {
  return fetch(`${issuer}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: SANDBOX_CLIENT_ID, code_verifier: verifier }).toString(),
  });
}

/** A whole login as one citizen; returns the id_token (header and claims) and what userinfo answers. */
async function loginAs(issuer: string, citizen: { uuid: string; cpr: string }, o: AuthorizeOptions & { typeCpr?: boolean } = {}) {
  const raw = new RawLogin(issuer);
  const page = await raw.authorize(o);
  expect(page.status).toBe(200);
  const done = await raw.login(page.url, { citizen: citizen.uuid, ...(o.typeCpr ? { cpr: citizen.cpr } : {}) });
  expect(done.code, done.page).toBeTruthy();
  const tokenRes = await redeem(issuer, done.code!, raw.verifier);
  expect(tokenRes.status).toBe(200);
  const tokens = (await tokenRes.json()) as { id_token: string; access_token: string };
  const userinfo = (await (await fetch(`${issuer}/oauth2/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as Record<string, unknown>;
  return { header: decodePart(tokens.id_token, 0), idToken: decodePart(tokens.id_token, 1), userinfo, loginPage: page.page };
}

/** Userinfo repeats exactly the id_token's identity claims: same names, same values, same types. */
function expectOneStory(idToken: Record<string, unknown>, userinfo: Record<string, unknown>) {
  const identity = Object.fromEntries(Object.entries(idToken).filter(([k]) => !PROTOCOL_CLAIMS.has(k)));
  expect(userinfo).toEqual(identity);
}

describe('the MitID sandbox tells one story', () => {
  let sandbox: RunningMitidSandbox;
  beforeAll(async () => {
    sandbox = await startMitidSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it('userinfo returns exactly the id_token claims of the same login, at every level', async () => {
    for (const acr of [LOW, SUBSTANTIAL, HIGH]) {
      const { idToken, userinfo } = await loginAs(sandbox.issuer, karen, { acr });
      expect(idToken.authenticationtype).toBe(acr);
      expect(idToken.acr).toBe(acr);
      expect(userinfo.authenticationtype).toBe(acr);
      expect(userinfo.loA).toBe(acr.split(':').pop());
      expectOneStory(idToken, userinfo);
    }
  });

  it('a MitID Erhverv login carries the Erhverv uuid and the CVR claims at userinfo too', async () => {
    const { idToken, userinfo } = await loginAs(sandbox.issuer, karen, { acr: BUSINESS });
    expect(idToken.uuid).toBe(businessUuid(karen));
    expect(idToken.uuid).not.toBe(karen.uuid);
    expect(userinfo).toMatchObject({ uuid: businessUuid(karen), cvrNumberIdentifier: '12345678', '2.5.4.10': 'Sandbox Kommune', employee: true, authenticationtype: BUSINESS });
    expectOneStory(idToken, userinfo);
  });

  it('claims have the types of Idura’s examples: age, birthdate and the CPR are strings', async () => {
    const { idToken, userinfo } = await loginAs(sandbox.issuer, karen, { scope: 'openid ssn', typeCpr: true });
    expect(typeof idToken.age).toBe('string');
    expect(idToken.age).toMatch(/^\d+$/);
    expect(idToken).toMatchObject({ identityscheme: 'dkmitid', birthdate: '1980-01-01', cprNumberIdentifier: karen.cpr, name: 'Karen Holm', country: 'DK' });
    expectOneStory(idToken, userinfo);
  });

  it('refuses acr_values other than the four MitID values with invalid_request, before any login page', async () => {
    for (const acr of ['urn:grn:authn:se:bankid:same-device', 'urn:grn:authn:dk:mitid:substantial urn:grn:authn:no:bankid', 'substantial']) {
      const raw = new RawLogin(sandbox.issuer);
      const answer = await raw.authorize({ acr });
      expect(answer.url.href.startsWith(REDIRECT_URI)).toBe(true);
      expect(answer.url.searchParams.get('error')).toBe('invalid_request');
      expect(answer.url.searchParams.get('error_description')).toMatch(/acr_values/);
      expect(answer.url.searchParams.get('code')).toBeNull();
    }
    // No acr_values at all is the tenant's default, substantial.
    const { idToken } = await loginAs(sandbox.issuer, karen, { acr: null });
    expect(idToken.authenticationtype).toBe(SUBSTANTIAL);
  });

  it('honours ui_locales da, da-DK, en and en-US on the login page', async () => {
    const cases: [string, 'da' | 'en'][] = [
      ['da', 'da'],
      ['da-DK', 'da'],
      ['en', 'en'],
      ['en-US', 'en'],
      ['fr en-US', 'en'],
    ];
    for (const [uiLocales, language] of cases) {
      const { page } = await new RawLogin(sandbox.issuer).authorize({ uiLocales });
      expect(page, uiLocales).toContain(`<html lang="${language}">`);
      expect(page).toContain(language === 'da' ? 'Log ind med MitID' : 'Log in with MitID');
    }
  });

  it('login_hint sub: prefills the CPR the citizen is asked for', async () => {
    const { page } = await new RawLogin(sandbox.issuer).authorize({ scope: 'openid ssn', loginHint: `sub:${karen.cpr}` });
    expect(page).toMatch(new RegExp(`name="cpr"[^>]*value="${karen.cpr}"`));
  });

  it('login_hint scope:ssn asks for the CPR without the ssn scope, and the token carries it', async () => {
    const raw = new RawLogin(sandbox.issuer);
    expect((await raw.authorize({ scope: 'openid' })).page).not.toContain('name="cpr"');
    const { idToken, userinfo, loginPage } = await loginAs(sandbox.issuer, soren, { scope: 'openid', loginHint: 'scope:ssn', typeCpr: true });
    expect(loginPage).toContain('name="cpr"');
    expect(idToken.cprNumberIdentifier).toBe(soren.cpr);
    expectOneStory(idToken, userinfo);
    // Without either, no CPR.
    expect((await loginAs(sandbox.issuer, soren, { scope: 'openid' })).idToken.cprNumberIdentifier).toBeUndefined();
  });

  it('login_hint uuid: lets only that person re-authenticate', async () => {
    const raw = new RawLogin(sandbox.issuer);
    const page = await raw.authorize({ loginHint: `uuid:${soren.uuid}` });
    expect(page.page).toMatch(new RegExp(`value="${soren.uuid}" checked`));
    const someoneElse = await raw.login(page.url, { citizen: karen.uuid });
    expect(someoneElse.code).toBeNull();
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.page).toContain('tilhører ikke den person');
    const { idToken } = await loginAs(sandbox.issuer, soren, { loginHint: `uuid:${soren.uuid}` });
    expect(idToken.uuid).toBe(soren.uuid);
    // An Erhverv re-authentication names the Erhverv uuid.
    const business = await loginAs(sandbox.issuer, karen, { acr: BUSINESS, loginHint: `uuid:${businessUuid(karen)}` });
    expect(business.idToken.uuid).toBe(businessUuid(karen));
  });

  it('login_hint message: is shown decoded, as the MitID app would', async () => {
    const message = 'Godkend ansøgning om boligstøtte – Æblegade 3';
    const { page } = await new RawLogin(sandbox.issuer).authorize({ loginHint: `message:${Buffer.from(message).toString('base64url')} action:approve` });
    expect(page).toContain(message);
    expect(page).toContain('<code>approve</code>');
  });

  it('signs id_tokens with a separate MitID key, listed after the tenant key: the client picks it by kid', async () => {
    const jwks = (await (await fetch(`${sandbox.issuer}/.well-known/jwks`)).json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(jwks.keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(jwks.keys.map((k) => k.kid)).size).toBe(jwks.keys.length);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    const { header } = await loginAs(sandbox.issuer, karen);
    expect(header.kid).toBe(sandbox.signingKid);
    expect(jwks.keys[0]?.kid).not.toBe(sandbox.signingKid);
    expect(jwks.keys.map((k) => k.kid)).toContain(sandbox.signingKid);
    // Our own client (openid-client) verifies it: it selected the key by kid.
    const client = new MitidClient({ issuer: sandbox.issuer, clientId: SANDBOX_CLIENT_ID, clientSecret: null }, { open: (url) => void playBrowser(url, { citizenUuid: karen.uuid }) });
    expect((await (await client.begin({ acr: SUBSTANTIAL, askForCpr: false, uiLocale: 'da' })).result).uuid).toBe(karen.uuid);
  });

  it('an authorization code is dead after a failed redemption (wrong PKCE verifier)', async () => {
    const raw = new RawLogin(sandbox.issuer);
    const page = await raw.authorize();
    const { code } = await raw.login(page.url, { citizen: karen.uuid });
    const wrong = await redeem(sandbox.issuer, code!, randomBytes(32).toString('base64url'));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_grant');
    const right = await redeem(sandbox.issuer, code!, raw.verifier);
    expect(right.status).toBe(400);
    expect(((await right.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('a code redeemed once cannot be redeemed again', async () => {
    const raw = new RawLogin(sandbox.issuer);
    const { code } = await raw.login((await raw.authorize()).url, { citizen: karen.uuid });
    expect((await redeem(sandbox.issuer, code!, raw.verifier)).status).toBe(200);
    expect((await redeem(sandbox.issuer, code!, raw.verifier)).status).toBe(400);
  });

  it('has a 429 switch with Retry-After, over HTTP', async () => {
    const on = await fetch(`${sandbox.issuer}/sandbox/rate-limit`, { method: 'POST', body: 'retryAfter=7', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await on.json()).toEqual({ rateLimited: true, retryAfter: 7 });
    try {
      const authorize = await fetch(`${sandbox.issuer}/oauth2/authorize?client_id=${SANDBOX_CLIENT_ID}`, { redirect: 'manual' });
      expect(authorize.status).toBe(429);
      expect(authorize.headers.get('retry-after')).toBe('7');
      const token = await redeem(sandbox.issuer, 'whatever', 'whatever');
      expect(token.status).toBe(429);
      expect(token.headers.get('retry-after')).toBe('7');
      // Discovery is not a login: it still answers.
      expect((await fetch(`${sandbox.issuer}/.well-known/openid-configuration`)).status).toBe(200);
    } finally {
      const off = await fetch(`${sandbox.issuer}/sandbox/rate-limit`, { method: 'POST', body: 'retryAfter=0', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(await off.json()).toEqual({ rateLimited: false, retryAfter: null });
    }
    expect((await new RawLogin(sandbox.issuer).authorize()).status).toBe(200);
  });
});
