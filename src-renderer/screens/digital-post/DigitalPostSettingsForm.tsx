import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ConnectionCheckView, DigitalPostSettingsView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';

type Form = Omit<DigitalPostSettingsView, 'certificatePasswordSet' | 'sandboxMailboxUrl'> & { certificatePassword: string };

/** Settings → Integrations → Digital Post: transport, address, certificate, sender, prices, and "test connection". */
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
    const { certificatePasswordSet: _s, sandboxMailboxUrl: _m, ...rest } = v;
    setForm({ ...rest, certificatePassword: '' });
  };
  useEffect(() => {
    void api.getDigitalPostSettings({}).then((r) => r.ok && adopt(r.value));
  }, [api]);
  if (!form || !view) return null;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setSaved(false);
    setForm({ ...form, [k]: v });
  };
  const text = (k: 'endpoint' | 'systemUuid' | 'certificatePath' | 'eboksHost' | 'eboksSystemId' | 'eboksContentTypeId' | 'senderCvr' | 'senderLabel') => (
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
    const { certificatePassword, ...rest } = form;
    const r = await api.saveDigitalPostSettings(certificatePassword ? { ...rest, certificatePassword } : rest);
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
            {text('systemUuid')}
          </>
        )}
        {form.transport === 'eboks' && (
          <>
            {text('eboksHost')}
            {text('eboksSystemId')}
            {text('eboksContentTypeId')}
          </>
        )}
        {form.transport !== 'sandbox' && (
          <>
            {text('certificatePath')}
            <label htmlFor="dps-password">{t('digitalPost.settings.certificatePassword')}</label>
            <div>
              <input id="dps-password" type="password" autoComplete="off" value={form.certificatePassword} onChange={(e) => set('certificatePassword', e.target.value)} />
              {view.certificatePasswordSet && <div className="hint">{t('digitalPost.settings.passwordSet')}</div>}
            </div>
          </>
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
        {error?.fieldErrors?.length ? <span> {error.message}</span> : null}
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
        <p className={check.ok ? 'banner' : 'banner banner-error'} role="status" data-testid="dp-connection-result">
          {check.ok ? t('digitalPost.settings.ok', { detail: check.detail }) : `${t(`digitalPost.settings.problems.${check.problem ?? 'settings'}`)}: ${check.detail}`}
        </p>
      )}
    </section>
  );
}
