import type { CONNECTION_TEST_METHOD_NAMES } from '../contract/connection-test-names';
import { testMitidConnection } from '../mitid/mitid-connection-test';
import { issuerFor, MITID_SECRET_NAME, mitidSettingsSchema } from '../mitid/mitid-settings';
import { testSignaturesConnection } from '../signing/signatures-connection-test';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SIGNATURES_ENDPOINT, SIGNATURES_SECRET_NAME } from '../signing/signing-settings';
import { language, requireAdmin, type HandlerTable } from './handler';

/** The form's secret when one is typed, else the stored one: the form never shows a stored secret. */
const secretOf = (typed: string | undefined, stored: string | null): string | null => (typed && typed.length > 0 ? typed : stored);

/** "Test forbindelsen" of the MitID and Signatures settings: the values in the form, not the saved ones. */
export const connectionTestHandlers: HandlerTable<(typeof CONNECTION_TEST_METHOD_NAMES)[number]> = {
  testMitidConnection: async (input, ctx) => {
    requireAdmin(ctx);
    const { services } = ctx;
    // An empty domain means the sandbox this app started, wherever it listens ('' while it is not running).
    const issuer = issuerFor(mitidSettingsSchema.parse({ domain: input.domain }), services.sandboxUrls.get('mitid') ?? '');
    return testMitidConnection(
      { issuer, clientId: input.clientId, clientSecret: secretOf(input.clientSecret, services.config.secrets.get(MITID_SECRET_NAME)) },
      language(ctx),
    );
  },
  testSignaturesConnection: async (input, ctx) => {
    requireAdmin(ctx);
    const { services } = ctx;
    // The default endpoint means the sandbox this app started, wherever it listens, never the default port.
    const endpoint = input.endpoint === SANDBOX_SIGNATURES_ENDPOINT ? (services.sandboxUrls.get('signatures') ?? '') : input.endpoint;
    const sandboxSecret = input.clientId === SANDBOX_CLIENT_ID ? SANDBOX_CLIENT_SECRET : null;
    const stored = services.config.secrets.get(SIGNATURES_SECRET_NAME) ?? sandboxSecret;
    return testSignaturesConnection({ endpoint, clientId: input.clientId, clientSecret: secretOf(input.clientSecret, stored) }, language(ctx));
  },
};
