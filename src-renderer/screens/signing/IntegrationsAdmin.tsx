import type { ReactNode } from 'react';
import { SignaturesSettings } from './SignaturesSettings';

/** Administration → Integrations. Each integration adds its own settings panel here. */
export function IntegrationsAdmin(): ReactNode {
  return (
    <div className="admin-section integrations">
      <SignaturesSettings />
    </div>
  );
}
