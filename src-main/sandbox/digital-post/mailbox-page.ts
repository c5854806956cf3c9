import { TEST_CITIZENS } from '../test-citizens';
import type { SandboxState } from './sandbox-state';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}` +
  `table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}` +
  `.tag{background:#eee;border-radius:4px;padding:0 .4rem;font-size:.85em}iframe{width:100%;height:70vh;border:1px solid #ccc}</style>` +
  `</head><body><p><a href="/mailbox">Digital Post sandbox – postkasser</a></p>${body}</body></html>`;

/** The sandbox's citizen mailbox: pick a CPR, see its letters, open the PDF. Fictitious citizens only. */
export function mailboxIndex(state: SandboxState): string {
  const rows = TEST_CITIZENS.map((c) => {
    const n = state.byRecipient.get(c.cpr)?.length ?? 0;
    return `<tr><td><a href="/mailbox/${c.cpr}" data-testid="citizen-${c.cpr}">${esc(c.name)}</a></td><td>${c.cpr.slice(0, 6)}-${c.cpr.slice(6)}</td>` +
      `<td>${c.exemptFromDigitalPost ? '<span class="tag">Fritaget – fysisk post</span>' : ''}</td><td>${n} breve</td></tr>`;
  }).join('');
  return page(
    'Digital Post sandbox',
    `<h1>Borgerens postkasse (sandbox)</h1><p>Vælg en testborger, eller skriv et CPR-nummer.</p>` +
      `<form action="/mailbox/open" method="get"><label>CPR-nummer <input name="cpr" pattern="\\d{6}-?\\d{4}"></label> <button>Åbn postkasse</button></form>` +
      `<table><thead><tr><th>Navn</th><th>CPR</th><th></th><th>Breve</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

export function mailboxOf(state: SandboxState, cpr: string): string {
  const citizen = TEST_CITIZENS.find((c) => c.cpr === cpr);
  const uuids = [...(state.byRecipient.get(cpr) ?? [])].reverse();
  const rows = uuids
    .map((u) => state.letters.get(u))
    .filter((l) => l !== undefined)
    .map(
      (l) =>
        `<tr data-testid="mailbox-letter"><td><a href="/mailbox/${cpr}/${l.memo.messageUuid}">${esc(l.memo.label)}</a></td>` +
        `<td>${esc(l.memo.senderLabel)}</td><td>${new Date(l.receivedAt).toISOString().slice(0, 16).replace('T', ' ')}</td>` +
        `<td>${l.physical ? '<span class="tag">Fysisk post (fritaget)</span>' : ''}</td></tr>`,
    )
    .join('');
  return page(
    `Postkasse ${cpr.slice(0, 6)}`,
    `<h1>Postkasse: ${esc(citizen?.name ?? 'Ukendt borger')} (${cpr.slice(0, 6)}-${cpr.slice(6)})</h1>` +
      (rows ? `<table><thead><tr><th>Emne</th><th>Afsender</th><th>Modtaget</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : '<p>Ingen breve.</p>'),
  );
}

export function letterPage(state: SandboxState, cpr: string, uuid: string): string | null {
  const l = state.letters.get(uuid);
  if (!l || l.memo.recipientId !== cpr) return null;
  const files = l.memo.files
    .map((f, i) => `<li><a href="/mailbox/${cpr}/${uuid}/files/${i}" data-testid="letter-file">${esc(f.filename)}</a> <span class="tag">${f.document === 'main' ? 'Hoveddokument' : 'Bilag'}</span></li>`)
    .join('');
  const actions = l.memo.actions.map((a) => `<li><a href="${esc(a.url)}">${esc(a.label)}</a> (${esc(a.actionCode)})</li>`).join('');
  return page(
    l.memo.label,
    `<h1 data-testid="letter-subject">${esc(l.memo.label)}</h1><p>Fra ${esc(l.memo.senderLabel)} (CVR ${esc(l.memo.senderId)})</p>` +
      (l.memo.notification ? `<p data-testid="letter-notification">${esc(l.memo.notification)}</p>` : '') +
      `<ul>${files}</ul>${actions ? `<h2>Handlinger</h2><ul>${actions}</ul>` : ''}` +
      (l.memo.files[0] ? `<iframe title="brev" src="/mailbox/${cpr}/${uuid}/files/0"></iframe>` : ''),
  );
}
