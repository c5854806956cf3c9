import { describe, expect, it } from 'vitest';
import { appLocation, devServerUrl } from '../../../src-main/shell/app-location';
import { APP_URL, devLocation, prodLocation } from './fakes';

describe('appLocation', () => {
  it('loads the built index.html from the app:// scheme and recognises it with any hash route', () => {
    const location = prodLocation();
    expect(location.dev).toBe(false);
    expect(location.url).toBe(APP_URL);
    expect(location.isAppPage(APP_URL)).toBe(true);
    expect(location.isAppPage(`${APP_URL}#/records/12`)).toBe(true);
  });

  it('does not treat other local files or web pages as the app', () => {
    const location = prodLocation();
    expect(location.isAppPage('file:///etc/passwd')).toBe(false);
    expect(location.isAppPage('file:///opt/caseworker/out/renderer/index.html')).toBe(false);
    expect(location.isAppPage('app://renderer/other.html')).toBe(false);
    expect(location.isAppPage('app://evil-host/index.html')).toBe(false);
    expect(location.isAppPage('https://renderer/index.html')).toBe(false);
    expect(location.isAppPage('https://example.com/')).toBe(false);
    expect(location.isAppPage('not a url')).toBe(false);
  });

  it('recognises the dev server by origin', () => {
    const location = devLocation();
    expect(location.dev).toBe(true);
    expect(location.url).toBe('http://localhost:5173/');
    expect(location.isAppPage('http://localhost:5173/#/admin')).toBe(true);
    expect(location.isAppPage('http://localhost:5174/')).toBe(false);
    expect(location.isAppPage(APP_URL)).toBe(false);
  });

  it('loads the dev server URL when one is given', () => {
    expect(appLocation('http://127.0.0.1:5173/').url).toBe('http://127.0.0.1:5173/');
  });
});

describe('devServerUrl', () => {
  it('accepts plain http on loopback only', () => {
    expect(devServerUrl(undefined)).toBeUndefined();
    expect(devServerUrl('')).toBeUndefined();
    expect(devServerUrl('http://localhost:5173')).toBe('http://localhost:5173/');
    expect(devServerUrl('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl('http://[::1]:5173/')).toBe('http://[::1]:5173/');
    expect(devServerUrl('https://example.com/')).toBeUndefined();
    expect(devServerUrl('http://192.168.1.10:5173/')).toBeUndefined();
    expect(devServerUrl('file:///tmp/index.html')).toBeUndefined();
    expect(devServerUrl('garbage')).toBeUndefined();
  });
});
