import { afterEach } from 'vitest';
import { startDigitalPostSandbox, type RunningDigitalPostSandbox } from '../../../src-main/sandbox/digital-post/digital-post-simulator';
import type { NotificationRequest } from '../../../src-main/notifications/notification-port';
import type { TestApp } from '../helpers/test-app';

/** Starts sandboxes on ephemeral ports and closes them after each test. */
export function useSandboxes() {
  const running: RunningDigitalPostSandbox[] = [];
  afterEach(async () => {
    while (running.length) await running.pop()?.close();
  });
  return async (port = 0): Promise<RunningDigitalPostSandbox> => {
    const s = await startDigitalPostSandbox({ port });
    s.setFaults({ deliveryDelayMs: 0 });
    running.push(s);
    return s;
  };
}

/** Points the app's Digital Post at a sandbox and records what it publishes to the notification port. */
export function connect(app: TestApp, sandbox: { apiUrl: string }): NotificationRequest[] {
  app.services.digitalPost.sandboxApiUrl = sandbox.apiUrl;
  const published: NotificationRequest[] = [];
  const inbox = app.services.notifications;
  const publish = inbox.publish.bind(inbox);
  inbox.publish = (r) => {
    published.push(r);
    return publish(r);
  };
  return published;
}

export const pdfBytes = (text = 'brev') => new Uint8Array(Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1'));
