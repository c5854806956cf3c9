import { z } from 'zod';
import { DEFAULT_ACR, MITID_ACR_VALUES } from '../sandbox/mitid/sandbox-claims';

export const MITID_SETTINGS_KEY = 'mitid';
/** SecretStore name of the client secret (only for a confidential client). */
export const MITID_SECRET_NAME = 'mitid_client_secret';

export const LOGIN_HINT_ACTIONS = ['', 'confirm', 'accept', 'approve', 'sign', 'login'] as const;

/** Settings → Integrations → MitID. An empty domain means the sandbox. */
export const mitidSettingsSchema = z.object({
  domain: z.string().max(200).default(''),
  clientId: z.string().max(200).default('caseworker-desktop'),
  acr: z.enum(MITID_ACR_VALUES).default(DEFAULT_ACR),
  /** Request the `ssn` scope: MitID prompts for the CPR and Idura checks it. */
  askForCpr: z.boolean().default(true),
  /** Price per successful login in øre (about 1 DKK). */
  priceOre: z.int().min(0).max(1_000_000).default(100),
  /** Shown in the MitID app (login_hint `message:`). */
  message: z.string().max(130).default(''),
  action: z.enum(LOGIN_HINT_ACTIONS).default('login'),
  timeoutSeconds: z.int().min(30).max(1800).default(300),
});
export type MitidSettings = z.infer<typeof mitidSettingsSchema>;

/** `kommune.idura.broker` → `https://kommune.idura.broker`; a full URL is kept (the sandbox's http). Empty domain → the running sandbox's URL. */
export function issuerFor(settings: MitidSettings, sandboxUrl: string): string {
  const domain = settings.domain.trim().replace(/\/+$/, '');
  if (!domain) return sandboxUrl;
  return domain.includes('://') ? domain : `https://${domain}`;
}
