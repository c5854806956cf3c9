import { z } from 'zod';
import type { SecretStore } from '../app/secrets';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import { SignaturesApiError } from './signatures-client';

/**
 * The default endpoint, standing for "the Signatures sandbox this app started":
 * calls go to wherever that sandbox really listens (4020, or a free port when
 * 4020 is taken), never to whatever program holds 4020.
 */
export const SANDBOX_SIGNATURES_ENDPOINT = 'http://127.0.0.1:4020/v1/graphql';
export const SANDBOX_CLIENT_ID = 'sandbox-signatures';
/** The sandbox's published test secret; a real client secret lives in the SecretStore only. */
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
export const SIGNATURES_SECRET_NAME = 'signatures.clientSecret';
export const SIGNATURES_SETTINGS_KEY = 'signatures';

/** Non-secret settings of Idura Signatures (stored in SQLite); the client secret never is. */
export const signaturesSettingsSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(500).default(SANDBOX_SIGNATURES_ENDPOINT),
  clientId: z.string().min(1).max(200).default(SANDBOX_CLIENT_ID),
  /** Price per completed signature in øre (8 DKK by default, per the product description). */
  priceOre: z.int().min(0).max(100_000).default(800),
  /** How long the citizen has to sign. */
  expiresInDays: z.int().min(1).max(90).default(30),
  acrValue: z
    .enum(['urn:grn:authn:dk:mitid:low', 'urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:high'])
    .default('urn:grn:authn:dk:mitid:substantial'),
});
export type SignaturesSettings = z.infer<typeof signaturesSettingsSchema>;

export interface SignaturesCredentials {
  endpoint: string;
  clientId: string;
  clientSecret: string;
}

export function readSignaturesSettings(settings: IntegrationSettings): SignaturesSettings {
  return settings.read(SIGNATURES_SETTINGS_KEY, signaturesSettingsSchema);
}

/**
 * The endpoint and credentials to call now: the stored secret, or the
 * sandbox's test secret while the app points at the sandbox with its client id.
 * Null when a real endpoint has no secret yet.
 */
export function signaturesCredentials(settings: IntegrationSettings, secrets: SecretStore, sandboxEndpoint?: () => string | null): SignaturesCredentials | null {
  const s = readSignaturesSettings(settings);
  let endpoint = s.endpoint;
  if (endpoint === SANDBOX_SIGNATURES_ENDPOINT && sandboxEndpoint) {
    const running = sandboxEndpoint();
    // Not permanent: the host may still be starting it. Nothing else is called meanwhile.
    if (!running) throw new SignaturesApiError('the Signatures sandbox is not running in this app', false, 'sandbox_not_running');
    endpoint = running;
  }
  const stored = secrets.get(SIGNATURES_SECRET_NAME);
  if (stored) return { endpoint, clientId: s.clientId, clientSecret: stored };
  if (s.clientId === SANDBOX_CLIENT_ID) return { endpoint, clientId: s.clientId, clientSecret: SANDBOX_CLIENT_SECRET };
  return null;
}
