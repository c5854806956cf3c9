import { join } from 'node:path';
import { startDigitalPostSandbox, DIGITAL_POST_SANDBOX_PORT, type RunningDigitalPostSandbox } from '../sandbox/digital-post/digital-post-simulator';
import type { StartedSimulator } from '../sandbox/simulator';
import { sandboxPortsEphemeral, startOnFreePortIfTaken } from '../sandbox/start-sandbox';
import type { DigitalPostService } from './digital-post-service';

export interface DigitalPostSandboxPorts {
  /** True: any free port; false: 4030 unless taken; undefined: as the environment says (tests, CASEWORKER_SANDBOX_EPHEMERAL=1). */
  ephemeral?: boolean;
  /** Told where the sandbox really listens, for the sandbox overview. */
  onStarted?: (sandbox: StartedSimulator) => void;
}

/**
 * Starts Digital Post with the app: in sandbox mode the local sandbox first
 * (on its default port 4030, on a free port when 4030 is taken by another
 * program, or on an ephemeral one when asked), then the outbox sender, which
 * sends only to the address this sandbox really got. The app's sandbox keeps
 * a journal in the data folder, so its mailboxes and pending receipts survive
 * a restart.
 */
export async function startDigitalPostWithApp(
  service: DigitalPostService,
  sandboxMode: boolean,
  dataDir: string,
  ports: DigitalPostSandboxPorts = {},
): Promise<() => Promise<void>> {
  let sandbox: RunningDigitalPostSandbox | null = null;
  const settings = service.settings();
  if (sandboxMode && settings.transport === 'sandbox' && settings.endpoint === '') {
    try {
      const started = await startOnFreePortIfTaken('digital-post', DIGITAL_POST_SANDBOX_PORT, sandboxPortsEphemeral(ports.ephemeral), (port) =>
        startDigitalPostSandbox({
          port,
          journalFile: join(dataDir, 'sandbox', 'digital-post.jsonl'),
          // Strict, as the real access point: HTTPS, our client certificate, the Basic value.
          strict: { pkiDir: join(dataDir, 'sandbox', 'digital-post-pki') },
        }),
      );
      sandbox = started;
      service.sandboxApiUrl = started.apiUrl;
      if (started.pki) {
        const { clientP12Path, clientP12Password, basicCredential, caCertPem } = started.pki;
        service.sandboxClient = { p12Path: clientP12Path, p12Password: clientP12Password, basicCredential, caCertPem };
      }
      service.sandboxMailboxUrl = `${started.url}/mailbox`;
      ports.onStarted?.(started);
      console.log(`Sandbox digital-post: ${started.url}`);
    } catch (error) {
      // No fallback address: without a sandbox of our own, letters wait in the outbox.
      console.warn(`Digital Post sandbox not started (${(error as Error).message}); letters stay in the outbox.`);
    }
  }
  service.start();
  return async () => {
    await service.stop();
    await sandbox?.close();
  };
}
