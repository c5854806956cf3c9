import { describe, expect, it, vi } from 'vitest';
import { guardedOpenExternal, isTrustedLink, linkQuestion } from '../../../src-main/shell/external-links';

function opener(answer: boolean) {
  const openExternal = vi.fn(async (_url: string) => undefined);
  const confirm = vi.fn(async (_url: string, _language: string) => answer);
  const open = guardedOpenExternal({ openExternal, confirm, language: () => 'da' });
  return { open, openExternal, confirm };
}

describe('isTrustedLink', () => {
  it('trusts https links to the listed public services and their subdomains', () => {
    expect(isTrustedLink('https://borger.dk/')).toBe(true);
    expect(isTrustedLink('https://www.borger.dk/familie')).toBe(true);
    expect(isTrustedLink('https://VIRK.dk/')).toBe(true);
  });

  it('does not trust look-alikes, plain http or links with credentials', () => {
    for (const url of ['https://borger.dk.evil.example/', 'https://evilborger.dk/', 'http://borger.dk/', 'https://user:pw@borger.dk/', 'nonsense']) {
      expect(isTrustedLink(url), url).toBe(false);
    }
  });
});

describe('guardedOpenExternal', () => {
  it('opens a trusted link without asking', async () => {
    const { open, openExternal, confirm } = opener(false);
    await open('https://www.borger.dk/');
    expect(confirm).not.toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://www.borger.dk/');
  });

  it('asks before any other link and opens it only on yes', async () => {
    const no = opener(false);
    await no.open('https://example.com/phish');
    expect(no.confirm).toHaveBeenCalledWith('https://example.com/phish', 'da');
    expect(no.openExternal).not.toHaveBeenCalled();
    const yes = opener(true);
    await yes.open('https://example.com/ok');
    expect(yes.openExternal).toHaveBeenCalledWith('https://example.com/ok');
  });

  it('never opens a non-web URL, not even when the caseworker would say yes', async () => {
    const { open, openExternal, confirm } = opener(true);
    await open('file:///etc/passwd');
    await open('javascript:alert(1)');
    expect(confirm).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('linkQuestion', () => {
  it('names the host and the full URL, in Danish first', () => {
    const da = linkQuestion('https://example.com/a?b=1', 'da');
    expect(da.message).toBe('Vil du åbne example.com i din browser?');
    expect(da.detail).toContain('https://example.com/a?b=1');
    expect(da.buttons).toEqual(['Åbn i browser', 'Annuller']);
    expect(linkQuestion('https://example.com/', 'en').buttons).toEqual(['Open in browser', 'Cancel']);
  });
});
