import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, MitidPropertyName, MitidSetupView } from '../../../src-main/contract';
import { MITID_ACRS, MITID_PROPERTY_NAMES } from '../../../src-main/contract/mitid-types';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { ConnectionTest } from '../../components/ConnectionTest';
import { ErrorBanner } from '../../components/ErrorBanner';

/**
 * Settings → Integrations → MitID: the Idura tenant (empty domain = sandbox)
 * and, per workflow, the "Idura / Criipto (MitID)" entity interface with its
 * user properties assigned to record fields.
 */
export function MitidSettingsScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [setup, setSetup] = useState<MitidSetupView | null>(null);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void api.getMitidSetup({}).then((r) => (r.ok ? setSetup(r.value) : setError(r.error)));
  }, [api]);
  if (!setup) return <ErrorBanner error={error} />;
  const s = setup.settings;
  const set = (patch: Partial<typeof s>) => setSetup({ ...setup, settings: { ...s, ...patch } });

  const saveSettings = async (): Promise<void> => {
    const result = await api.saveMitidSettings({ ...s, ...(secret ? { clientSecret: secret } : {}) });
    if (!result.ok) return setError(result.error);
    setError(null);
    setSecret('');
    setSetup(result.value);
    setSaved(true);
  };

  const saveWorkflow = async (workflowId: number, enabled: boolean, mappings: Partial<Record<MitidPropertyName, string>>) => {
    const result = await api.saveMitidWorkflow({ workflowId, enabled, mappings });
    if (!result.ok) return setError(result.error);
    setSetup(result.value);
  };

  return (
    <section aria-labelledby="mitid-settings-title">
      <h1 id="mitid-settings-title">{t('mitid.settings.title')}</h1>
      <ErrorBanner error={error} />
      {setup.usesSandbox && (
        <p className="muted">
          {t('mitid.settings.sandbox')}
          {setup.issuer && (
            <>
              {' – '}
              <code data-testid="mitid-sandbox-issuer">{setup.issuer}</code>
            </>
          )}
        </p>
      )}
      <form
        className="panel admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveSettings();
        }}
      >
        <label>
          {t('mitid.settings.domain')} <input value={s.domain} placeholder={t('mitid.settings.domainHint')} onChange={(e) => set({ domain: e.target.value })} />
        </label>
        <label>
          {t('mitid.settings.clientId')} <input value={s.clientId} onChange={(e) => set({ clientId: e.target.value })} />
        </label>
        <label>
          {t('mitid.settings.clientSecret')}{' '}
          <input type="password" value={secret} placeholder={setup.clientSecretSet ? t('mitid.settings.secretSet') : ''} onChange={(e) => setSecret(e.target.value)} />
        </label>
        <label>
          {t('mitid.settings.acr')}{' '}
          <select value={s.acr} onChange={(e) => set({ acr: e.target.value as typeof s.acr })}>
            {MITID_ACRS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={s.askForCpr} onChange={(e) => set({ askForCpr: e.target.checked })} /> {t('mitid.settings.askForCpr')}
        </label>
        <label>
          {t('mitid.settings.price')} <input inputMode="numeric" value={s.priceOre} onChange={(e) => set({ priceOre: Number(e.target.value) || 0 })} />
        </label>
        <label>
          {t('mitid.settings.message')} <input maxLength={130} value={s.message} onChange={(e) => set({ message: e.target.value })} />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
        {saved && <span role="status"> {t('mitid.settings.saved')}</span>}
        <ConnectionTest
          testId="mitid-test-connection"
          run={() => api.testMitidConnection({ domain: s.domain.trim(), clientId: s.clientId.trim(), ...(secret ? { clientSecret: secret } : {}) })}
        />
      </form>

      <h2>{t('mitid.settings.workflows')}</h2>
      {setup.workflows.map((w) => {
        const workflow = ws.view.workflows.find((x) => x.id === w.workflowId);
        if (!workflow) return null;
        return (
          <fieldset key={w.workflowId} className="panel" data-testid="mitid-workflow">
            <legend>{workflow.name}</legend>
            <label>
              <input type="checkbox" checked={w.enabled} onChange={(e) => void saveWorkflow(w.workflowId, e.target.checked, w.mappings)} /> {t('mitid.settings.enable')}
            </label>
            {w.enabled &&
              MITID_PROPERTY_NAMES.map((p) => (
                <label key={p}>
                  {t(`mitid.settings.property.${p}`)}{' '}
                  <select
                    value={w.mappings[p] ?? ''}
                    onChange={(e) => {
                      const mappings = { ...w.mappings };
                      if (e.target.value) mappings[p] = e.target.value;
                      else delete mappings[p];
                      void saveWorkflow(w.workflowId, true, mappings);
                    }}
                  >
                    <option value="">{t('mitid.settings.noField')}</option>
                    {ws.view.fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
          </fieldset>
        );
      })}
    </section>
  );
}
