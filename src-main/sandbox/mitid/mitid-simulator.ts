import type { Simulator } from '../simulator';
import { startMitidSandbox } from './mitid-sandbox';

export const MITID_SANDBOX_PORT = 4010;

/** The MitID sandbox as the app and `npm run sandbox` start it. */
export const mitidSimulator: Simulator = {
  name: 'mitid',
  defaultPort: MITID_SANDBOX_PORT,
  start: ({ port }) => startMitidSandbox({ port }),
};
