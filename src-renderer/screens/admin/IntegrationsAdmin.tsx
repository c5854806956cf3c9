import type { ReactNode } from 'react';
import { DigitalPostSettingsForm } from '../digital-post/DigitalPostSettingsForm';
import { MitidSettingsScreen } from '../mitid-settings/MitidSettingsScreen';
import { SignaturesSettings } from '../signing/SignaturesSettings';

/** Administration → Integrations. Each integration adds its own settings panel here. */
export function IntegrationsAdmin(): ReactNode {
  return (
    <div className="admin-section integrations">
      <DigitalPostSettingsForm />
      <SignaturesSettings />
      <MitidSettingsScreen />
    </div>
  );
}
