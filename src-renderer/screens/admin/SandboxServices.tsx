import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, SandboxServiceView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Administration → Integrations: where each sandbox simulator of this app really listens. */
export function SandboxServices(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [services, setServices] = useState<SandboxServiceView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void api.getSandboxServices({}).then((r) => (r.ok ? setServices(r.value) : setError(r.error)));
  }, [api]);

  return (
    <section aria-labelledby="sandbox-services-title" data-testid="sandbox-services">
      <h1 id="sandbox-services-title">{t('sandboxServices.title')}</h1>
      <ErrorBanner error={error} />
      <p className="muted">{t('sandboxServices.intro')}</p>
      <dl className="panel">
        {services?.map((s) => (
          <div key={s.name} data-testid={`sandbox-service-${s.name}`}>
            <dt>{t(`sandboxServices.names.${s.name}`)}</dt>
            <dd>
              {s.url ? <code>{s.url}</code> : <span className="banner banner-warn">{t('sandboxServices.notRunning')}</span>}
              {s.movedFromDefaultPort && <p className="muted">{t('sandboxServices.moved', { port: s.defaultPort })}</p>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
