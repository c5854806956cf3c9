import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ConnectionCheckView, DigitalPostSettingsView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { connectionCauseText } from '../../../src-main/digital-post/transport/connection-causes';
import type { ConnectionCause } from '../../../src-main/digital-post/transport/transport';
import { i18n } from '../../i18n/i18n';

type Form = Omit<DigitalPostSettingsView, 'certificatePasswordSet' | 'apiCredentialSet' | 'sandboxMailboxUrl' | 'sandboxCertificatePath'> & {
  certificatePassword: string;
  apiCredential: string;
};

/** Settings → Integrations → Digital Post: transport, address, certificate, sender, prices, and "test connection". */
/** The check's cause worded in the reader's language now; the access point's own words go to the technical details. */
function checkText(check: ConnectionCheckView): string {
  if (!check.cause) return check.detail;
  const { server: _server, ...params } = check.params;
  return connectionCauseText(check.cause as ConnectionCause, params, i18n.language === 'en' ? 'en' : 'da');
}

export function DigitalPostSettingsForm(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<DigitalPostSettingsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [check, setCheck] = useState<ConnectionCheckView | null>(null);
  const [testing, setTesting] = useState(false);
  const adopt = (v: DigitalPostSettingsView) => {
    setView(v);
    const { certificatePasswordSet: _s, apiCredentialSet: _c, sandboxMailboxUrl: _m, sandboxCertificatePath: _p, ...rest } = v;
    setForm({ ...rest, certificatePassword: '', apiCredential: '' });
  };
  useEffect(() => {
    void api.getDigitalPostSettings({}).then((r) => r.ok && adopt(r.value));
  }, [api]);
  if (!form || !view) return null;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setSaved(false);
    setForm({ ...form, [k]: v });
  };
  const text = (k: 'endpoint' | 'certificatePath' | 'eboksHost' | 'eboksSystemId' | 'eboksContentTypeId' | 'senderCvr' | 'senderLabel') => (
    <>
      <label htmlFor={`dps-${k}`}>{t(`digitalPost.settings.${k}`)}</label>
      <input id={`dps-${k}`} value={form[k]} onChange={(e) => set(k, e.target.value)} />
    </>
  );
  const num = (k: 'perMessageOre' | 'perMbOre' | 'capOre' | 'maxAttempts' | 'awaitReceiptHours') => (
    <>
      <label htmlFor={`dps-${k}`}>{t(`digitalPost.settings.${k}`)}</label>
      <input id={`dps-${k}`} type="number" min={0} value={form[k]} onChange={(e) => set(k, Math.max(0, Math.round(Number(e.target.value) || 0)))} />
    </>
  );
  const save = async () => {
    const { certificatePassword, apiCredential, ...rest } = form;
    const r = await api.saveDigitalPostSettings({ ...rest, ...(certificatePassword ? { certificatePassword } : {}), ...(apiCredential ? { apiCredential } : {}) });
    if (r.ok) {
      adopt(r.value);
      setError(null);
      setSaved(true);
    } else setError(r.error);
  };
  const test = async () => {
    setTesting(true);
    const r = await api.testDigitalPostConnection({});
    setTesting(false);
    if (r.ok) setCheck(r.value);
    else setError(r.error);
  };
  return (
    <section className="panel" data-testid="dp-settings">
      <h2>{t('digitalPost.settings.title')}</h2>
      <div className="form-grid">
        <label htmlFor="dps-transport">{t('digitalPost.settings.transport')}</label>
        <select id="dps-transport" value={form.transport} onChange={(e) => set('transport', e.target.value as Form['transport'])}>
          {(['sandbox', 'ngdp', 'eboks'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`digitalPost.settings.transports.${k}`)}
            </option>
          ))}
        </select>
        {form.transport === 'ngdp' && (
          <>
            {text('endpoint')}
            <label htmlFor="dps-credential">{t('dpConnection.apiCredential')}</label>
            <div>
              <input id="dps-credential" type="password" autoComplete="off" value={form.apiCredential} onChange={(e) => set('apiCredential', e.target.value)} aria-describedby="dps-credential-hint" />
              <div className="hint" id="dps-credential-hint">
                {view.apiCredentialSet ? t('dpConnection.apiCredentialSet') : t('dpConnection.apiCredentialHint')}
              </div>
            </div>
          </>
        )}
        {form.transport === 'eboks' && (
          <>
            {text('eboksHost')}
            {text('eboksSystemId')}
            <label htmlFor="dps-eboksClientId">{t('dpConnection.eboksClientId')}</label>
            <input id="dps-eboksClientId" value={form.eboksClientId} onChange={(e) => set('eboksClientId', e.target.value)} />
            {text('eboksContentTypeId')}
          </>
        )}
        {form.transport !== 'sandbox' && (
          <>
            {text('certificatePath')}
            <label htmlFor="dps-password">{t('digitalPost.settings.certificatePassword')}</label>
            <div>
              <input id="dps-password" type="password" autoComplete="off" value={form.certificatePassword} onChange={(e) => set('certificatePassword', e.target.value)} />
              <div className="hint">{view.certificatePasswordSet ? t('digitalPost.settings.passwordSet') : t('dpConnection.certificateHint')}</div>
            </div>
          </>
        )}
        {form.transport === 'sandbox' && (
          <p className="hint" data-testid="dp-sandbox-strict">
            {view.sandboxCertificatePath ? `${t('dpConnection.sandboxStrict')} ${view.sandboxCertificatePath}` : t('dpConnection.sandboxPlain')}
          </p>
        )}
        {text('senderCvr')}
        {text('senderLabel')}
        {num('perMessageOre')}
        {num('perMbOre')}
        {num('capOre')}
        {num('maxAttempts')}
        {num('awaitReceiptHours')}
      </div>
      <ErrorBanner error={error}>
      </ErrorBanner>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('common.save')}
        </button>
        {saved && <span role="status">{t('common.saved')}</span>}
        <button type="button" className="btn" disabled={testing} onClick={() => void test()} data-testid="dp-test-connection">
          {testing ? t('digitalPost.settings.testing') : t('digitalPost.settings.test')}
        </button>
      </div>
      {check && (
        <div className={check.ok ? 'banner' : 'banner banner-error'} role="status" data-testid="dp-connection-result">
          {check.ok ? t('digitalPost.settings.ok', { detail: checkText(check) }) : `${t(`digitalPost.settings.problems.${check.problem ?? 'settings'}`)}: ${checkText(check)}`}
          {check.params.server && <TechnicalDetails text={check.params.server} />}
        </div>
      )}
    </section>
  );
}
