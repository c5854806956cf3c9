import { TEST_CITIZENS } from '../test-citizens';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface LoginPageModel {
  uid: string;
  clientId: string;
  acr: string;
  /** True when the `ssn` scope was asked for: the citizen must type their CPR. */
  asksForCpr: boolean;
  /** A CPR prefilled from `login_hint=sub:…`. */
  prefilledCpr: string;
  /** Decoded `login_hint=message:…`, shown as the MitID app would. */
  message: string;
  action: string;
  error: string;
  language: 'da' | 'en';
  /** `login_hint=uuid:…` (re-authentication): that person is preselected, and only they may log in. */
  preselectedCitizenUuid?: string;
}

/**
 * The sandbox's stand-in for the MitID login: the tester picks a test citizen
 * and may simulate a cancel, a `mitid_core_client_error` or a slow login.
 * Deliberately plain HTML with a form, so tests can drive it over HTTP.
 */
export function loginPage(m: LoginPageModel): string {
  const da = m.language === 'da';
  const t = (dk: string, en: string) => (da ? dk : en);
  const preselected = TEST_CITIZENS.some((c) => c.uuid === m.preselectedCitizenUuid) ? m.preselectedCitizenUuid : TEST_CITIZENS[0]?.uuid;
  const citizens = TEST_CITIZENS.map(
    (c) =>
      `<label class="citizen"><input type="radio" name="citizen" value="${esc(c.uuid)}"${c.uuid === preselected ? ' checked' : ''}> ${esc(c.name)} <small>(${esc(c.birthdate)})</small></label>`,
  ).join('\n');
  return `<!doctype html>
<html lang="${m.language}"><head><meta charset="utf-8"><title>MitID (Sandbox)</title>
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#111}
.banner{background:#fde68a;padding:.5rem 1rem;border-radius:.4rem;font-weight:600}
.citizen{display:block;padding:.3rem 0}.error{color:#b91c1c;font-weight:600}
fieldset{margin:1rem 0;border:1px solid #ccc;border-radius:.4rem}.msg{background:#e0f2fe;padding:.5rem 1rem;border-radius:.4rem}
button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}
</style></head>
<body>
<p class="banner">MitID – Sandbox. ${t('Ingen rigtig MitID: vælg en testborger.', 'Not a real MitID: pick a test citizen.')}</p>
<h1>${t('Log ind med MitID', 'Log in with MitID')}</h1>
<p>${t('Niveau', 'Level')}: <code>${esc(m.acr)}</code> · ${t('Klient', 'Client')}: <code>${esc(m.clientId)}</code>${m.action ? ` · action: <code>${esc(m.action)}</code>` : ''}</p>
${m.message ? `<p class="msg" data-testid="mitid-message">${esc(m.message)}</p>` : ''}
${m.error ? `<p class="error" role="alert">${esc(m.error)}</p>` : ''}
<form method="post" action="/interaction/${esc(m.uid)}/login">
<fieldset><legend>${t('Testborger', 'Test citizen')}</legend>
${citizens}
</fieldset>
${
  m.asksForCpr
    ? `<p><label>${t('Dit CPR-nummer', 'Your CPR number')} <input name="cpr" autocomplete="off" value="${esc(m.prefilledCpr)}" inputmode="numeric"></label><br><small>${t('Idura tjekker, at CPR-nummeret hører til MitID-identiteten.', 'Idura checks that the CPR number belongs to the MitID identity.')}</small></p>`
    : ''
}
<fieldset><legend>${t('Simulér', 'Simulate')}</legend>
<label class="citizen"><input type="radio" name="outcome" value="login" checked> ${t('Godkendt login', 'Successful login')}</label>
<label class="citizen"><input type="radio" name="outcome" value="core_error"> mitid_core_client_error</label>
<label class="citizen"><input type="checkbox" name="slow" value="1"> ${t('Langsomt login', 'Slow login')}</label>
</fieldset>
<button type="submit" name="outcome_button" value="login">${t('Log ind', 'Log in')}</button>
</form>
<form method="post" action="/interaction/${esc(m.uid)}/cancel" style="margin-top:1rem"><button type="submit">${t('Afbryd', 'Cancel')}</button></form>
</body></html>`;
}

export function donePage(text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>MitID (Sandbox)</title></head><body><p>${esc(text)}</p></body></html>`;
}
