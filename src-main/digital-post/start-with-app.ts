import { join } from 'node:path';
import { startDigitalPostSandbox, DIGITAL_POST_SANDBOX_PORT, type RunningDigitalPostSandbox } from '../sandbox/digital-post/digital-post-simulator';
import type { DigitalPostService } from './digital-post-service';

/**
 * Starts Digital Post with the app: in sandbox mode the local sandbox first
 * (on its default port 4030, or an ephemeral one under tests and when
 * CASEWORKER_SANDBOX_EPHEMERAL=1), then the outbox sender. When port 4030 is
 * taken, another app instance or `npm run sandbox` runs it and we use that one.
 * The app's sandbox keeps a journal in the data folder, so its mailboxes and
 * pending receipts survive a restart.
 */
export async function startDigitalPostWithApp(service: DigitalPostService, sandboxMode: boolean, dataDir: string): Promise<() => Promise<void>> {
  let sandbox: RunningDigitalPostSandbox | null = null;
  const settings = service.settings();
  if (sandboxMode && settings.transport === 'sandbox' && settings.endpoint === '') {
    const ephemeral = process.env.NODE_ENV === 'test' || process.env.CASEWORKER_SANDBOX_EPHEMERAL === '1';
    try {
      sandbox = await startDigitalPostSandbox({
        port: ephemeral ? 0 : DIGITAL_POST_SANDBOX_PORT,
        journalFile: join(dataDir, 'sandbox', 'digital-post.jsonl'),
        // Strict, as the real access point: HTTPS, our client certificate, the Basic value.
        strict: { pkiDir: join(dataDir, 'sandbox', 'digital-post-pki') },
      });
      service.sandboxApiUrl = sandbox.apiUrl;
      if (sandbox.pki) {
        const { clientP12Path, clientP12Password, basicCredential, caCertPem } = sandbox.pki;
        service.sandboxClient = { p12Path: clientP12Path, p12Password: clientP12Password, basicCredential, caCertPem };
      }
      service.sandboxMailboxUrl = `${sandbox.url}/mailbox`;
      console.log(`Sandbox digital-post: ${sandbox.url}`);
    } catch (error) {
      service.sandboxMailboxUrl = `http://127.0.0.1:${DIGITAL_POST_SANDBOX_PORT}/mailbox`;
      console.warn(`Digital Post sandbox not started here (${(error as Error).message}); using the one on port ${DIGITAL_POST_SANDBOX_PORT}.`);
    }
  }
  service.start();
  return async () => {
    await service.stop();
    await sandbox?.close();
  };
}
