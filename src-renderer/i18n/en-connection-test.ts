import type { Widen } from './catalogue';
import type { daConnectionTest } from './da-connection-test';

/** "Test connection" of the MitID and Signatures settings: it tests the form's values. */
export const enConnectionTest: Widen<typeof daConnectionTest> = {
  test: 'Test connection',
  testing: 'Testing…',
  hint: 'Tests the values in the form, also before they are saved. An empty secret field means the stored secret.',
  ok: 'The connection works',
  problems: {
    settings: 'The settings are wrong',
    auth: 'Access refused',
    network: 'Cannot reach the service',
    server: 'The service did not answer properly',
    certificate: 'Certificate problem',
  },
};
