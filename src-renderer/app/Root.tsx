import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiContext } from '../api/api-context';
import type { ApiSelection } from '../api/select-api';
import { App } from './App';
import type { Flag } from './flag';
import { useFlag } from './flag';

interface Props {
  selection: ApiSelection;
  expired: Flag;
}

/** Guards against a page with no usable transport before any screen tries to call main. */
export function Root({ selection, expired }: Props): ReactNode {
  const isExpired = useFlag(expired);
  if (selection.kind === 'no-token') return <TransportProblem kind="noToken" />;
  if (isExpired) return <TransportProblem kind="expired" />;
  return (
    <ApiContext.Provider value={selection.api}>
      <App />
    </ApiContext.Provider>
  );
}

function TransportProblem({ kind }: { kind: 'noToken' | 'expired' }): ReactNode {
  const { t } = useTranslation();
  return (
    <main className="centered-page">
      <div className="card" role="alert" data-testid="transport-problem">
        <h1>{kind === 'expired' ? t('session.expiredTitle') : t('session.noTokenTitle')}</h1>
        <p>{kind === 'expired' ? t('session.expiredBody') : t('session.noTokenBody')}</p>
      </div>
    </main>
  );
}
