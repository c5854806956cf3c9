import { z } from 'zod';
import type { CONNECTION_TEST_METHOD_NAMES } from './connection-test-names';
import type { ConnectionCheckView } from './digital-post';

/**
 * The values in the settings form, unsaved: the test is of what the
 * administrator is about to save. An empty or omitted secret means the stored
 * one (the form never shows it).
 */
export const connectionTestInputs = {
  testMitidConnection: z.strictObject({
    domain: z.string().trim().max(200).regex(/^[A-Za-z0-9.:/_-]*$/, 'a domain such as kommune.idura.broker'),
    clientId: z.string().trim().min(1).max(200),
    clientSecret: z.string().max(500).optional(),
  }),
  testSignaturesConnection: z.strictObject({
    endpoint: z.string().trim().min(1).max(500),
    clientId: z.string().trim().min(1).max(200),
    clientSecret: z.string().max(500).optional(),
  }),
} as const satisfies Record<(typeof CONNECTION_TEST_METHOD_NAMES)[number], z.ZodType>;

export interface ConnectionTestResults {
  testMitidConnection: ConnectionCheckView;
  testSignaturesConnection: ConnectionCheckView;
}
