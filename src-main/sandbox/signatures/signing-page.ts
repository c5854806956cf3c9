import { maskCpr } from '../../cpr/cpr';
import { TEST_CITIZENS, type TestCitizen } from '../test-citizens';
import type { SandboxOrder, SandboxSignatory } from './signatures-store';

/**
 * The signing page Idura hosts at a signatory's `href`, as plain server-made
 * HTML: the citizen logs in with (sandbox) MitID, reads the document and signs
 * or rejects. Danish or English after the order's `ui.language`.
 */
type Lang = 'da' | 'en';

const TEXT = {
  da: {
    title: 'Underskriv dokument',
    sandbox: 'SANDKASSE – ingen rigtig MitID og ingen juridisk gyldig underskrift',
    loginIntro: 'Log på med MitID for at læse og underskrive dokumentet.',
    loginAs: 'Log på med MitID som',
    mismatch: 'Du kan ikke underskrive dette dokument. Dit MitID passer ikke til den person, dokumentet er sendt til.',
    tryAgain: 'Log på med et andet MitID',
    read: 'Læs dokumentet, og vælg så om du vil underskrive det.',
    loggedInAs: 'Logget på som',
    sign: 'Underskriv med MitID',
    reject: 'Afvis',
    rejectReason: 'Begrundelse (valgfri)',
    signed: 'Tak. Dokumentet er underskrevet.',
    rejected: 'Du har afvist at underskrive dokumentet.',
    closed: 'Dette underskriftsforløb er afsluttet',
    expired: 'Linket er udløbet. Kontakt afsenderen, hvis du stadig skal underskrive.',
    cancelled: 'Afsenderen har annulleret underskriftsforløbet.',
    unknown: 'Linket findes ikke.',
    open: 'Åbn dokumentet',
  },
  en: {
    title: 'Sign document',
    sandbox: 'SANDBOX – no real MitID and no legally valid signature',
    loginIntro: 'Log in with MitID to read and sign the document.',
    loginAs: 'Log in with MitID as',
    mismatch: 'You cannot sign this document. Your MitID does not match the person the document was sent to.',
    tryAgain: 'Log in with another MitID',
    read: 'Read the document, then choose whether to sign it.',
    loggedInAs: 'Logged in as',
    sign: 'Sign with MitID',
    reject: 'Reject',
    rejectReason: 'Reason (optional)',
    signed: 'Thank you. The document is signed.',
    rejected: 'You have rejected signing the document.',
    closed: 'This signing has ended',
    expired: 'The link has expired. Contact the sender if you still need to sign.',
    cancelled: 'The sender has cancelled the signing.',
    unknown: 'The link does not exist.',
    open: 'Open the document',
  },
} as const;

export const langOf = (order: SandboxOrder | null): Lang => (order?.language === 'EN_US' ? 'en' : 'da');

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function layout(lang: Lang, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${TEXT[lang].title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
.banner{background:#fef3c7;border:1px solid #f59e0b;padding:.5rem .75rem;border-radius:.375rem;font-size:.875rem}
.error{background:#fee2e2;border:1px solid #ef4444;padding:.75rem;border-radius:.375rem}
.ok{background:#dcfce7;border:1px solid #22c55e;padding:.75rem;border-radius:.375rem}
button{font-size:1rem;padding:.5rem 1rem;margin:.25rem 0;border-radius:.375rem;border:1px solid #0f3e99;background:#0060e6;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0f3e99}
iframe{width:100%;height:32rem;border:1px solid #d1d5db}
ul{list-style:none;padding:0}</style></head>
<body><p class="banner">${TEXT[lang].sandbox}</p>${body}</body></html>`;
}

export function endedPage(lang: Lang, order: SandboxOrder | null, signatory: SandboxSignatory | null): string {
  const t = TEXT[lang];
  if (!order || !signatory) return layout(lang, `<h1>${t.title}</h1><p class="error">${t.unknown}</p>`);
  const line =
    signatory.status === 'SIGNED'
      ? `<p class="ok" data-testid="signed">${t.signed}</p>`
      : signatory.status === 'REJECTED'
        ? `<p class="ok" data-testid="rejected">${t.rejected}</p>`
        : order.status === 'EXPIRED'
          ? `<p class="error">${t.expired}</p>`
          : order.status === 'CANCELLED'
            ? `<p class="error">${t.cancelled}</p>`
            : `<p class="error">${t.closed}</p>`;
  return layout(lang, `<h1>${esc(order.title ?? t.title)}</h1>${line}`);
}

export function loginPage(lang: Lang, order: SandboxOrder, token: string, error: 'mismatch' | null): string {
  const t = TEXT[lang];
  const buttons = TEST_CITIZENS.map(
    (c) =>
      `<li><form method="post" action="/sign/${esc(token)}/login"><input type="hidden" name="uuid" value="${esc(c.uuid)}">` +
      `<button type="submit" class="secondary" data-citizen="${esc(c.name)}">${t.loginAs} ${esc(c.name)} (${esc(maskCpr(c.cpr))})</button></form></li>`,
  ).join('');
  const problem = error === 'mismatch' ? `<p class="error" role="alert" data-testid="mismatch">${t.mismatch}</p><p>${t.tryAgain}:</p>` : `<p>${t.loginIntro}</p>`;
  return layout(lang, `<h1>${esc(order.title ?? t.title)}</h1>${problem}<ul>${buttons}</ul>`);
}

export function reviewPage(lang: Lang, order: SandboxOrder, token: string, citizen: TestCitizen): string {
  const t = TEXT[lang];
  const docs = order.documents
    .map(
      (d, i) =>
        `<h2>${esc(d.title)}</h2><iframe title="${esc(d.title)}" src="/sign/${esc(token)}/documents/${i}"></iframe>` +
        `<p><a href="/sign/${esc(token)}/documents/${i}" target="_blank">${t.open}</a></p>`,
    )
    .join('');
  const reject = order.disableRejection
    ? ''
    : `<form method="post" action="/sign/${esc(token)}/reject"><label>${t.rejectReason} <input name="reason" maxlength="500"></label> <button type="submit" class="secondary">${t.reject}</button></form>`;
  return layout(
    lang,
    `<h1>${esc(order.title ?? t.title)}</h1><p>${t.loggedInAs} <strong>${esc(citizen.name)}</strong></p><p>${t.read}</p>${docs}` +
      `<form method="post" action="/sign/${esc(token)}/sign"><button type="submit">${t.sign}</button></form>${reject}`,
  );
}
