// The browser transport hands out its per-run token in the URL fragment
// (`#token=…`), which never reaches server logs. We move it into sessionStorage at
// once and strip it from the address bar, so it is not bookmarked or shoulder-surfed,
// and a reload of the tab still works.

const TOKEN_KEY = 'caseworker.token';
const CLIENT_KEY = 'caseworker.clientId';

/** Reads `#token=…` if present, remembers it for this tab and cleans the URL. */
export function takeToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * One id per tab: the server keeps the selected user per client id, so two tabs
 * may act as two different caseworkers (and the e2e tests rely on exactly that).
 */
export function clientId(): string {
  const existing = sessionStorage.getItem(CLIENT_KEY);
  if (existing) return existing;
  const fresh = crypto.randomUUID();
  sessionStorage.setItem(CLIENT_KEY, fresh);
  return fresh;
}
