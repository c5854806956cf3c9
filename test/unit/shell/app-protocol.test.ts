import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFilePath, serveAppRequest } from '../../../src-main/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/web/security-headers';

let root = '';
let outside = '';

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'app-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Sagsbehandler</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(outside, 'not for the renderer');
});

afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('appFilePath', () => {
  it('maps app://renderer/ paths into the renderer folder', () => {
    expect(appFilePath('app://renderer/index.html', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('app://renderer/', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('app://renderer/assets/index-abc.js?v=1#x', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('keeps a literal .. inside the folder (the URL parser resolves it first)', () => {
    expect(appFilePath('app://renderer/../secret.txt', root)).toBe(join(root, 'secret.txt'));
    expect(appFilePath('app://renderer/%2e%2e/secret.txt', root)).toBe(join(root, 'secret.txt'));
  });

  it('refuses other hosts, other schemes and every way out of the folder', () => {
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'https://renderer/index.html',
      'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/index.html%00.js',
      'app://renderer/%E0%A4%A',
      'not a url',
    ]) {
      expect(appFilePath(url, root), url).toBeNull();
    }
  });
});

describe('serveAppRequest', () => {
  it('serves the page with the strict CSP and a content type', async () => {
    const response = await serveAppRequest('app://renderer/index.html', root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Sagsbehandler');
    const script = await serveAppRequest('app://renderer/assets/index-abc.js', root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and escapes, never the file outside', async () => {
    const missing = await serveAppRequest('app://renderer/nope.js', root);
    expect(missing.status).toBe(404);
    const escape = await serveAppRequest('app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt', root);
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('not for the renderer');
  });
});
