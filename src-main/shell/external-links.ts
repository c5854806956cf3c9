import type { Language } from '../contract';
import { isWebUrl, type OpenExternal } from './security';

// A link in a letter, a record note or an integration's page opens in the system
// browser, outside the app's protections. Links to the public services a
// caseworker uses every day go straight through; any other host is shown to the
// caseworker first, so a crafted link (a look-alike of borger.dk, a phishing
// page) is never opened behind their back.

/** Hosts opened without asking; a subdomain of one counts too (www.borger.dk). */
export const TRUSTED_LINK_HOSTS: readonly string[] = ['borger.dk', 'virk.dk', 'mitid.dk', 'digst.dk', 'e-boks.dk', 'sundhed.dk', 'retsinformation.dk'];

export function isTrustedLink(url: string, hosts: readonly string[] = TRUSTED_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Plain http is never trusted: a network in between can change what it shows.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((trusted) => host === trusted || host.endsWith(`.${trusted}`));
}

/** Asks the caseworker whether to open a link; resolves true to open it. */
export type ConfirmLink = (url: string, language: Language) => Promise<boolean>;

export interface ExternalLinkOptions {
  openExternal: OpenExternal;
  confirm: ConfirmLink;
  language: () => Language;
  trustedHosts?: readonly string[];
}

/** An OpenExternal that opens trusted links at once and asks before any other. */
export function guardedOpenExternal(options: ExternalLinkOptions): OpenExternal {
  return async (url) => {
    if (!isWebUrl(url)) return;
    if (!isTrustedLink(url, options.trustedHosts) && !(await options.confirm(url, options.language()))) return;
    await options.openExternal(url);
  };
}

export interface LinkQuestion {
  title: string;
  message: string;
  detail: string;
  buttons: [open: string, cancel: string];
}

/** The confirmation's words; the full URL is shown so the caseworker sees where it goes. */
export function linkQuestion(url: string, language: Language): LinkQuestion {
  const host = new URL(url).host;
  return language === 'en'
    ? {
        title: 'Open link',
        message: `Open ${host} in your browser?`,
        detail: `The link leads outside Caseworker:\n${url}\n\nOpen it only if you trust where it came from.`,
        buttons: ['Open in browser', 'Cancel'],
      }
    : {
        title: 'Åbn link',
        message: `Vil du åbne ${host} i din browser?`,
        detail: `Linket fører uden for Sagsbehandler:\n${url}\n\nÅbn det kun, hvis du stoler på, hvor det kommer fra.`,
        buttons: ['Åbn i browser', 'Annuller'],
      };
}
