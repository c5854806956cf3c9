import { describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isOwnBlobUrl,
  isWebUrl,
  type HardenableContents,
  type HardenableSession,
} from '../../../src-main/shell/security';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/web/security-headers';
import { APP_URL, devLocation, FakeEmitter, navigationEvent, prodLocation } from './fakes';

class FakeContents extends FakeEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function hardened(location = prodLocation()) {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  hardenWebContents(contents as unknown as HardenableContents, location, openExternal);
  return { contents, openExternal };
}

describe('isWebUrl', () => {
  it('is true only for http and https', () => {
    expect(isWebUrl('https://borger.dk/')).toBe(true);
    expect(isWebUrl('http://example.com/')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://server/share', 'mailto:a@b.dk', 'nonsense']) {
      expect(isWebUrl(url)).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  it('lets the app page navigate within itself', () => {
    const { contents, openExternal } = hardened();
    const event = navigationEvent(`${APP_URL}#/records`);
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('keeps the window on the app page and hands web links to the browser', () => {
    const { contents, openExternal } = hardened();
    const event = navigationEvent('https://borger.dk/');
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://borger.dk/');
  });

  it('blocks navigation to local files and scripts without opening them', () => {
    const { contents, openExternal } = hardened();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>']) {
      const event = navigationEvent(url);
      contents.emit('will-frame-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks subframe navigation away from the app without opening a browser', () => {
    const { contents, openExternal } = hardened();
    const event = navigationEvent('https://example.com/', false);
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('allows dev server navigation only on the dev server origin', () => {
    const { contents } = hardened(devLocation());
    const same = navigationEvent('http://localhost:5173/');
    const other = navigationEvent('http://localhost:8080/');
    contents.emit('will-frame-navigate', same);
    contents.emit('will-frame-navigate', other);
    expect(same.preventDefault).not.toHaveBeenCalled();
    expect(other.preventDefault).toHaveBeenCalled();
  });

  it('blocks redirects away from the app', () => {
    const { contents } = hardened(devLocation());
    const away = navigationEvent('https://example.com/');
    const home = navigationEvent('http://localhost:5173/index.html');
    contents.emit('will-redirect', away);
    contents.emit('will-redirect', home);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every new window, opening only http(s) links externally', () => {
    const { contents, openExternal } = hardened();
    expect(contents.openHandler?.({ url: 'https://virk.dk/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://virk.dk/']]);
  });

  it('survives a failing system browser', async () => {
    const contents = new FakeContents();
    const openExternal = vi.fn(async () => {
      throw new Error('no browser');
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    hardenWebContents(contents as unknown as HardenableContents, prodLocation(), openExternal);
    expect(contents.openHandler?.({ url: 'https://virk.dk/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(log).toHaveBeenCalled());
    log.mockRestore();
  });

  it("lets the preview's subframe show only blob: URLs the app page minted", () => {
    const { contents } = hardened();
    const own = navigationEvent('blob:app://renderer/6f1c2d1e-8a7b-4c1e-9d0f-1234567890ab', false);
    const foreign = navigationEvent('blob:https://example.com/6f1c2d1e-8a7b-4c1e-9d0f-1234567890ab', false);
    const other = navigationEvent('blob:app://other/6f1c2d1e', false);
    const mainFrame = navigationEvent('blob:app://renderer/6f1c2d1e', true);
    for (const event of [own, foreign, other, mainFrame]) contents.emit('will-frame-navigate', event);
    expect(own.preventDefault).not.toHaveBeenCalled();
    expect(foreign.preventDefault).toHaveBeenCalled();
    expect(other.preventDefault).toHaveBeenCalled();
    expect(mainFrame.preventDefault).toHaveBeenCalled();
  });

  it('recognises own blob: URLs on the dev server origin too', () => {
    expect(isOwnBlobUrl('blob:http://localhost:5173/abc', devLocation())).toBe(true);
    expect(isOwnBlobUrl('blob:http://localhost:5174/abc', devLocation())).toBe(false);
    expect(isOwnBlobUrl('https://localhost:5173/abc', devLocation())).toBe(false);
    expect(isOwnBlobUrl('blob:garbage', prodLocation())).toBe(false);
  });

  it('refuses to attach webviews', () => {
    const { contents } = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type CheckHandler = (...args: unknown[]) => boolean;

interface FakeSession {
  requestHandler: RequestHandler | null;
  checkHandler: CheckHandler | null;
  deviceHandler: CheckHandler | null;
  headersListener: HeadersListener | null;
  setPermissionRequestHandler(handler: RequestHandler): void;
  setPermissionCheckHandler(handler: CheckHandler): void;
  setDevicePermissionHandler(handler: CheckHandler): void;
  webRequest: { onHeadersReceived(listener: HeadersListener): void };
}

function fakeSession(): FakeSession {
  const fake: FakeSession = {
    requestHandler: null,
    checkHandler: null,
    deviceHandler: null,
    headersListener: null,
    setPermissionRequestHandler(handler) {
      fake.requestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      fake.checkHandler = handler;
    },
    setDevicePermissionHandler(handler) {
      fake.deviceHandler = handler;
    },
    webRequest: {
      onHeadersReceived(listener) {
        fake.headersListener = listener;
      },
    },
  };
  return fake;
}

function headersFor(session: FakeSession, url: string, responseHeaders?: Record<string, string[]>) {
  let result: { responseHeaders?: Record<string, string[]> } | undefined;
  session.headersListener?.({ url, ...(responseHeaders ? { responseHeaders } : {}) }, (response) => {
    result = response;
  });
  return result;
}

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    hardenSession(session as unknown as HardenableSession, prodLocation());
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      const callback = vi.fn();
      session.requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.checkHandler?.({}, permission, APP_URL, {})).toBe(false);
    }
    expect(session.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('puts the strict CSP on the app page, replacing any the server sent', () => {
    const session = fakeSession();
    hardenSession(session as unknown as HardenableSession, prodLocation());
    const result = headersFor(session, APP_URL, { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] });
    expect(result?.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('uses exactly the policy from the brief in production', () => {
    expect(contentSecurityPolicy(false)).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; frame-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('loosens the policy for HMR only on the dev server', () => {
    const session = fakeSession();
    hardenSession(session as unknown as HardenableSession, devLocation());
    const policy = headersFor(session, 'http://localhost:5173/')?.responseHeaders?.['Content-Security-Policy']?.[0];
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain('ws://localhost:*');
    expect(policy).toContain("object-src 'none'");
    expect(contentSecurityPolicy(false)).not.toContain('unsafe-inline');
  });

  it('leaves responses that are not the app untouched', () => {
    const session = fakeSession();
    hardenSession(session as unknown as HardenableSession, prodLocation());
    expect(headersFor(session, 'https://example.com/', { a: ['b'] })).toEqual({});
  });
});
