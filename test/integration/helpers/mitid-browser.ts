// Plays the citizen's system browser against the MitID sandbox over real HTTP:
// follows redirects by hand (keeping cookies), submits the login form, and
// lands on the app's loopback redirect. Tests may tamper with the URLs on the way.

export interface BrowserChoice {
  citizenUuid?: string;
  cpr?: string;
  outcome?: 'login' | 'core_error' | 'cancel';
  slow?: boolean;
  /** Change the authorization URL before the "browser" opens it (e.g. another nonce). */
  rewriteAuthorizationUrl?: (url: URL) => void;
  /** Change the redirect back to the app before following it (e.g. another state). */
  rewriteCallback?: (url: URL) => void;
}

export interface BrowserVisit {
  /** The login page's HTML, as the citizen saw it. */
  loginPage: string;
  /** The final redirect to the app's loopback listener. */
  callbackUrl: URL;
  /** What the loopback listener answered. */
  callbackStatus: number;
}

export class CookieJar {
  private cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function go(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
  jar.store(res);
  return res;
}

/** Follows redirects until a page answers 200 (or the app's loopback URL is reached). */
async function follow(jar: CookieJar, res: Response, from: string, isCallback: (u: URL) => boolean): Promise<{ res: Response; url: URL }> {
  let url = new URL(from);
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    url = new URL(res.headers.get('location') ?? '', url);
    if (isCallback(url)) return { res, url };
    res = await go(jar, url.href);
  }
  return { res, url };
}

export async function playBrowser(authorizationUrl: string, choice: BrowserChoice = {}): Promise<BrowserVisit> {
  const jar = new CookieJar();
  const authUrl = new URL(authorizationUrl);
  choice.rewriteAuthorizationUrl?.(authUrl);
  const redirectUri = new URL(authUrl.searchParams.get('redirect_uri') ?? '');
  const isCallback = (u: URL) => u.origin === redirectUri.origin && u.pathname === redirectUri.pathname;
  const first = await follow(jar, await go(jar, authUrl.href), authUrl.href, isCallback);
  if (first.res.status !== 200) throw new Error(`login page answered ${first.res.status}: ${await first.res.text()}`);
  const loginPage = await first.res.text();
  const outcome = choice.outcome ?? 'login';
  const form = new URLSearchParams();
  if (choice.citizenUuid) form.set('citizen', choice.citizenUuid);
  if (choice.cpr !== undefined) form.set('cpr', choice.cpr);
  if (outcome !== 'cancel') form.set('outcome', outcome);
  if (choice.slow) form.set('slow', '1');
  const action = new URL(`${first.url.pathname}/${outcome === 'cancel' ? 'cancel' : 'login'}`, first.url);
  const posted = await go(jar, action.href, {
    method: 'POST',
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const last = await follow(jar, posted, action.href, isCallback);
  if (!isCallback(last.url)) throw new Error(`the login did not redirect to the app (status ${last.res.status}): ${((await last.res.text()).match(/class="error"[^<]*/)?.[0] ?? "no error shown")}`);
  const callbackUrl = new URL(last.url);
  choice.rewriteCallback?.(callbackUrl);
  const landed = await fetch(callbackUrl, { redirect: 'manual' });
  await landed.text();
  return { loginPage, callbackUrl, callbackStatus: landed.status };
}

/** Submits the login form once and returns the page the sandbox answers with (for a wrong CPR). */
export async function submitLoginExpectingPage(authorizationUrl: string, choice: BrowserChoice): Promise<string> {
  const jar = new CookieJar();
  const authUrl = new URL(authorizationUrl);
  const first = await follow(jar, await go(jar, authUrl.href), authUrl.href, () => false);
  const form = new URLSearchParams({ citizen: choice.citizenUuid ?? '', cpr: choice.cpr ?? '', outcome: 'login' });
  const res = await go(jar, new URL(`${first.url.pathname}/login`, first.url).href, {
    method: 'POST',
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return res.text();
}
