import { maskCpr } from '../../cpr/cpr';
import { TEST_CITIZENS, type TestCitizen } from '../test-citizens';
import type { UiSettings } from './order-input';
import type { SandboxOrder, SandboxSignatory, SigningBlock } from './signatures-store';
import { textsFor, type Lang, type Texts } from './signing-page-texts';

/**
 * The signing page Idura hosts at a signatory's `href`, as plain server-made
 * HTML: the citizen logs in with (sandbox) MitID, reads the documents and
 * signs, approves or rejects, in the signatory's `ui.language`, with the
 * order's `ui.logo` and `ui.stylesheet`.
 */
export interface PageContext {
  order: SandboxOrder | null;
  signatory: SandboxSignatory | null;
  /** A batch signatory's own UI settings (Idura does not use the orders' for a batch). */
  ui?: UiSettings;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export const pageTexts = (ctx: PageContext): { lang: Lang; t: Texts } => textsFor(ctx.ui?.language ?? ctx.signatory?.ui.language ?? ctx.order?.ui.language ?? null);

function layout(ctx: PageContext, body: string): string {
  const { lang, t } = pageTexts(ctx);
  const ui = ctx.ui ?? ctx.signatory?.ui ?? ctx.order?.ui ?? null;
  const stylesheet = ui?.stylesheet ? `<link rel="stylesheet" href="${esc(ui.stylesheet)}" data-testid="custom-stylesheet">` : '';
  const img = ui?.logo ? `<img src="${esc(ui.logo.src)}" alt="Logo" style="max-height:3rem" data-testid="logo">` : '';
  const logo = ui?.logo ? `<header>${ui.logo.href ? `<a href="${esc(ui.logo.href)}">${img}</a>` : img}</header>` : '';
  const note = t.fallback ? `<p class="banner" data-testid="language-fallback">${esc(t.fallback)}</p>` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t.title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
.banner{background:#fef3c7;border:1px solid #f59e0b;padding:.5rem .75rem;border-radius:.375rem;font-size:.875rem}
.error{background:#fee2e2;border:1px solid #ef4444;padding:.75rem;border-radius:.375rem}
.ok{background:#dcfce7;border:1px solid #22c55e;padding:.75rem;border-radius:.375rem}
button{font-size:1rem;padding:.5rem 1rem;margin:.25rem 0;border-radius:.375rem;border:1px solid #0f3e99;background:#0060e6;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0f3e99}
iframe{width:100%;height:32rem;border:1px solid #d1d5db}
ul{list-style:none;padding:0}</style>${stylesheet}</head>
<body>${logo}<p class="banner">${t.sandbox}</p>${note}${body}</body></html>`;
}

const heading = (ctx: PageContext, t: Texts) => `<h1>${esc(ctx.order?.title ?? t.title)}</h1>`;

export function endedPage(ctx: PageContext, outcome: 'cancelledByYou' | null = null): string {
  const { t } = pageTexts(ctx);
  const { order, signatory } = ctx;
  if (!order || !signatory) return layout(ctx, `<h1>${t.title}</h1><p class="error">${t.unknown}</p>`);
  const line =
    outcome === 'cancelledByYou'
      ? `<p class="ok" data-testid="cancelled-by-you">${t.cancelledByYou}</p>`
      : signatory.status === 'SIGNED'
        ? `<p class="ok" data-testid="signed">${t.signed}</p>`
        : signatory.status === 'APPROVED'
          ? `<p class="ok" data-testid="approved">${t.approved}</p>`
          : signatory.status === 'REJECTED'
            ? `<p class="ok" data-testid="rejected">${t.rejected}</p>`
            : order.status === 'EXPIRED'
              ? `<p class="error">${t.expired}</p>`
              : order.status === 'CANCELLED'
                ? `<p class="error">${t.cancelled}</p>`
                : `<p class="error">${t.closed}</p>`;
  return layout(ctx, `${heading(ctx, t)}${line}`);
}

/** `base` is the page's path: `/sign/<token>` for a signatory, `/batch/<token>` for a batch signatory. */
/** `hint`: the MitID app's message, and the CPR a `loginHint` `sub:` prefills (that citizen is offered first). */
export function loginPage(
  ctx: PageContext,
  base: string,
  error: 'mismatch' | 'unique' | null,
  hint: { message: string | null; sub: string | null } | null,
  intro: 'loginIntro' | 'downloadIntro' = 'loginIntro',
): string {
  const { t } = pageTexts(ctx);
  const mitidMessage = hint?.message ?? null;
  const citizens = [...TEST_CITIZENS].sort((a, b) => Number(b.cpr === hint?.sub) - Number(a.cpr === hint?.sub));
  const buttons = citizens.map(
    (c) =>
      `<li><form method="post" action="${esc(base)}/login"><input type="hidden" name="uuid" value="${esc(c.uuid)}">` +
      `<button type="submit" class="secondary" data-citizen="${esc(c.name)}"${c.cpr === hint?.sub ? ' data-prefilled="true" autofocus' : ''}>${t.loginAs} ${esc(c.name)} (${esc(maskCpr(c.cpr))})</button></form></li>`,
  ).join('');
  const problem = error ? `<p class="error" role="alert" data-testid="${error}">${t[error]}</p><p>${t.tryAgain}:</p>` : `<p>${t[intro]}</p>`;
  const message = mitidMessage ? `<p data-testid="mitid-message">${t.mitidMessage}: <q>${esc(mitidMessage)}</q></p>` : '';
  return layout(ctx, `${heading(ctx, t)}${problem}${message}<ul>${buttons}</ul>`);
}

export function reviewPage(
  ctx: PageContext & { order: SandboxOrder; signatory: SandboxSignatory },
  token: string,
  citizen: TestCitizen | null,
  options: { block: SigningBlock; canMitId: boolean; noop: boolean; drawable: { requireName: boolean } | null; allOf: boolean },
): string {
  const { t } = pageTexts(ctx);
  const { order, signatory } = ctx;
  const base = `/sign/${esc(token)}`;
  const docs = signatory.documents
    .map((sd) => {
      const i = order.documents.findIndex((d) => d.id === sd.documentId);
      const d = order.documents[i]!;
      return `<h2>${esc(d.title)}</h2><iframe title="${esc(d.title)}" src="${base}/documents/${i}"></iframe><p><a href="${base}/documents/${i}" target="_blank">${t.open}</a></p>`;
    })
    .join('');
  const role = signatory.signatoryRole;
  const intro = role === 'VIEWER' ? t.readOnly : role === 'APPROVER' ? t.readApprove : t.read;
  const who = citizen ? `<p>${t.loggedInAs} <strong>${esc(citizen.name)}</strong></p>` : '';
  let actions = '';
  if (options.block === 'sequence') actions = `<p class="banner" data-testid="waiting">${t.waiting}</p>`;
  else if (role === 'APPROVER') actions = `<form method="post" action="${base}/approve"><button type="submit">${t.approve}</button></form>`;
  else if (role === 'SIGNER' && options.allOf) {
    // allOf: one signature made of every evidence (the MitID login above, the drawing here).
    const name = options.drawable
      ? `<label>${t.drawnName} <input name="name"${options.drawable.requireName ? ' required' : ''} maxlength="200"></label> `
      : '';
    actions = `<form method="post" action="${base}/sign-all">${name}<button type="submit">${t.sign}</button></form>`;
  } else if (role === 'SIGNER') {
    if (options.canMitId && citizen) actions += `<form method="post" action="${base}/sign"><button type="submit">${t.sign}</button></form>`;
    if (options.noop) actions += `<form method="post" action="${base}/sign-noop"><button type="submit">${t.signNoop}</button></form>`;
    if (options.drawable) {
      actions +=
        `<form method="post" action="${base}/sign-drawn"><label>${t.drawnName} <input name="name"${options.drawable.requireName ? ' required' : ''} maxlength="200"></label> ` +
        `<button type="submit">${t.signDrawn}</button></form>`;
    }
  }
  const reject =
    role === 'VIEWER' || signatory.ui.disableRejection
      ? ''
      : `<form method="post" action="${base}/reject"><label>${t.rejectReason} <input name="reason" maxlength="500"></label> <button type="submit" class="secondary">${t.reject}</button></form>`;
  const cancel = signatory.ui.enableCancel ? `<form method="post" action="${base}/cancel"><button type="submit" class="secondary" data-testid="cancel">${t.cancel}</button></form>` : '';
  return layout(ctx, `${heading(ctx, t)}${who}<p>${intro}</p>${docs}${actions}${reject}${cancel}`);
}

/** A batch signatory's page: one MitID login signs every order of the batch. */
export function batchPage(
  ctx: PageContext,
  base: string,
  citizen: TestCitizen,
  items: { order: SandboxOrder; signatory: SandboxSignatory; open: boolean }[],
): string {
  const { t } = pageTexts(ctx);
  const list = items
    .map(({ order, signatory, open }, n) => {
      const docs = signatory.documents
        .map((sd) => {
          const i = order.documents.findIndex((d) => d.id === sd.documentId);
          return `<li><a href="${esc(base)}/documents/${n}/${i}" target="_blank">${esc(order.documents[i]!.title)}</a></li>`;
        })
        .join('');
      return `<h2>${esc(order.title ?? t.title)}</h2>${open ? '' : `<p class="error">${t.closed}</p>`}<ul>${docs}</ul>`;
    })
    .join('');
  const sign = items.some((i) => i.open) ? `<form method="post" action="${esc(base)}/sign"><button type="submit">${t.sign}</button></form>` : '';
  return layout(ctx, `<h1>${t.title}</h1><p>${t.loggedInAs} <strong>${esc(citizen.name)}</strong></p><p>${t.read}</p>${list}${sign}`);
}

export function batchDonePage(ctx: PageContext): string {
  const { t } = pageTexts(ctx);
  return layout(ctx, `<h1>${t.title}</h1><p class="ok" data-testid="signed">${t.signed}</p>`);
}

/** A signatory's downloadHref after close: the signed documents, behind a MitID login. */
export function downloadPage(ctx: PageContext & { order: SandboxOrder; signatory: SandboxSignatory }, base: string, citizen: TestCitizen): string {
  const { t } = pageTexts(ctx);
  const docs = ctx.signatory.documents
    .map((sd) => {
      const i = ctx.order.documents.findIndex((d) => d.id === sd.documentId);
      return `<li><a href="${esc(base)}/documents/${i}" download>${esc(ctx.order.documents[i]!.title)}</a></li>`;
    })
    .join('');
  return layout(ctx, `${heading(ctx, t)}<p>${t.loggedInAs} <strong>${esc(citizen.name)}</strong></p><h2>${t.download}</h2><ul>${docs}</ul>`);
}
