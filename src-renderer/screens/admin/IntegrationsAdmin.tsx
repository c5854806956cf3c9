import type { ReactNode } from 'react';
import { useAppSession } from '../../app/app-context';
import { DigitalPostSettingsForm } from '../digital-post/DigitalPostSettingsForm';
import { MitidSettingsScreen } from '../mitid-settings/MitidSettingsScreen';
import { SignaturesSettings } from '../signing/SignaturesSettings';
import { SandboxServices } from './SandboxServices';

/** Administration → Integrations. Each integration adds its own settings panel here. */
export function IntegrationsAdmin(): ReactNode {
  const { info } = useAppSession();
  return (
    <div className="admin-section integrations">
      {info.sandbox && <SandboxServices />}
      <DigitalPostSettingsForm />
      <SignaturesSettings />
      <MitidSettingsScreen />
    </div>
  );
}
