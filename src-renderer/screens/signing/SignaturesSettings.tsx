import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, SignaturesSettingsView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ConnectionTest } from '../../components/ConnectionTest';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';

// The MitID levels a signature may require (kept here so the renderer does not bundle the zod contract).
const ACR_VALUES = ['urn:grn:authn:dk:mitid:low', 'urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:high'] as const;

/** Settings → Integrations → Signatures: endpoint, client id, secret (to the keychain), price, deadline, MitID level. */
export function SignaturesSettings(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<SignaturesSettingsView | null>(null);
  const [endpoint, setEndpoint] = useState('');
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [price, setPrice] = useState('8,00');
  const [days, setDays] = useState('30');
  const [acr, setAcr] = useState<(typeof ACR_VALUES)[number]>('urn:grn:authn:dk:mitid:substantial');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const adopt = (v: SignaturesSettingsView) => {
    setView(v);
    setEndpoint(v.endpoint);
    setClientId(v.clientId);
    setPrice((v.priceOre / 100).toFixed(2).replace('.', ','));
    setDays(String(v.expiresInDays));
    setAcr(v.acrValue);
    setSecret('');
  };

  useEffect(() => {
    void api.getSignaturesSettings({}).then((r) => (r.ok ? adopt(r.value) : setError(r.error)));
  }, [api]);

  const save = async (removeSecret = false) => {
    setBusy(true);
    setSaved(false);
    const priceOre = Math.round(Number(price.replace(/\./g, '').replace(',', '.')) * 100);
    const result = await api.saveSignaturesSettings({
      endpoint: endpoint.trim(),
      clientId: clientId.trim(),
      priceOre: Number.isFinite(priceOre) ? priceOre : -1,
      expiresInDays: Math.trunc(Number(days)),
      acrValue: acr,
      ...(removeSecret ? { clientSecret: '' } : secret ? { clientSecret: secret } : {}),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setSaved(true);
    adopt(result.value);
  };

  if (!view) return <ErrorBanner error={error} />;
  return (
    <form
      className="panel admin-form"
      aria-labelledby="signatures-settings-title"
      data-testid="signatures-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="signatures-settings-title">{t('signing.settings.title')}</h2>
      <p className="muted">{t('signing.settings.intro')}</p>
      {view.usingSandbox && <p className="banner banner-warn">{t('signing.settings.sandboxNotice')}</p>}
      <ErrorBanner error={error} />
      {saved && <Notice>{t('signing.settings.saved')}</Notice>}
      <div className="form-grid">
        <label htmlFor="sig-endpoint">{t('signing.settings.endpoint')}</label>
        <input id="sig-endpoint" className="mono" value={endpoint} maxLength={500} onChange={(e) => setEndpoint(e.target.value)} />
        <label htmlFor="sig-client">{t('signing.settings.clientId')}</label>
        <input id="sig-client" className="mono" value={clientId} maxLength={200} onChange={(e) => setClientId(e.target.value)} />
        <label htmlFor="sig-secret">{t('signing.settings.clientSecret')}</label>
        <div>
          <input id="sig-secret" type="password" autoComplete="off" value={secret} maxLength={500} onChange={(e) => setSecret(e.target.value)} />
          <div className="hint">{view.hasSecret ? t('signing.settings.secretStored') : t('signing.settings.secretMissing')}</div>
          {view.hasSecret && (
            <button type="button" className="btn-link" onClick={() => void save(true)}>
              {t('signing.settings.removeSecret')}
            </button>
          )}
        </div>
        <label htmlFor="sig-price">{t('signing.settings.price')}</label>
        <input id="sig-price" inputMode="decimal" value={price} maxLength={12} onChange={(e) => setPrice(e.target.value)} />
        <label htmlFor="sig-days">{t('signing.settings.expiresInDays')}</label>
        <input id="sig-days" type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} />
        <label htmlFor="sig-acr">{t('signing.settings.acrValue')}</label>
        <select id="sig-acr" value={acr} onChange={(e) => setAcr(e.target.value as (typeof ACR_VALUES)[number])}>
          {ACR_VALUES.map((v) => (
            <option key={v} value={v}>
              {t(`signing.settings.acr.${v.split(':').pop() as 'low' | 'substantial' | 'high'}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('common.save')}
      </button>
      <ConnectionTest
        testId="signatures-test-connection"
        run={() => api.testSignaturesConnection({ endpoint: endpoint.trim(), clientId: clientId.trim(), ...(secret ? { clientSecret: secret } : {}) })}
      />
    </form>
  );
}
