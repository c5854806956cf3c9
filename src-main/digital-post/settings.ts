import { z } from 'zod';

/** Key of the Digital Post document in integration_settings. */
export const DIGITAL_POST_SETTINGS_KEY = 'digital_post';

/** Name of the secret holding the PKCS#12 certificate's password (SecretStore). */
export const CERTIFICATE_PASSWORD_SECRET = 'digital_post_certificate_password';

/**
 * Name of the secret holding NgDP's `Authorization: Basic` credential: `uuidA:uuidB`
 * (the sender system's id and its API token value from the administration portal).
 */
export const API_CREDENTIAL_SECRET = 'digital_post_api_credential';

export const TRANSPORTS = ['sandbox', 'ngdp', 'eboks'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

/**
 * Non-secret Digital Post settings with safe defaults: a fresh install sends to
 * the local sandbox. Prices in øre; the public 2016 list (0.19 kr + 0.85 kr/MB,
 * capped at 6.75 kr under 10 MB) is the default until the sender's own deal is entered.
 */
export const digitalPostSettingsSchema = z.object({
  transport: z.enum(TRANSPORTS).default('sandbox'),
  /**
   * NgDP base, e.g. https://api.test.digitalpost.dk/apis/v1 ; empty = the sandbox the
   * app starts (strict: HTTPS, its own CA, the PKCS#12 and Basic credential it made).
   */
  endpoint: z.string().max(500).default(''),
  /** Path to the PKCS#12 (.p12/.pfx) system certificate file (NgDP and e-Boks mutual TLS; password in a secret). */
  certificatePath: z.string().max(1000).default(''),
  /** e-Boks v3: host, dispatch system id and client id (message-id part and status path). */
  eboksHost: z.string().max(500).default(''),
  eboksSystemId: z.string().max(20).default(''),
  eboksClientId: z.string().max(20).default(''),
  eboksContentTypeId: z.string().max(20).default(''),
  senderCvr: z.string().max(8).default('12345678'),
  senderLabel: z.string().max(250).default('Kommunen (sandbox)'),
  prices: z
    .object({
      perMessageOre: z.int().min(0).max(100_000).default(19),
      perMbOre: z.int().min(0).max(100_000).default(85),
      capOre: z.int().min(0).max(1_000_000).default(675),
      capBelowMb: z.number().min(0).max(1000).default(10),
    })
    .default({ perMessageOre: 19, perMbOre: 85, capOre: 675, capBelowMb: 10 }),
  limits: z
    .object({
      maxMessageMb: z.number().min(0.1).max(200).default(74),
      maxFileMb: z.number().min(0.1).max(200).default(74),
    })
    .default({ maxMessageMb: 74, maxFileMb: 74 }),
  /** Messages in flight at once. */
  concurrency: z.int().min(1).max(64).default(8),
  /** How long to wait for the access point's answer before trying again. */
  requestTimeoutSeconds: z.number().min(0.1).max(300).default(30),
  /** First retry delay after a transient failure; it doubles per attempt (with jitter). */
  retryBaseSeconds: z.number().min(0.01).max(3600).default(2),
  /** A transient failure is retried this many times before the message fails. */
  maxAttempts: z.int().min(1).max(100).default(12),
  /**
   * A letter that has waited this long for its receipt (accepted, or its answer
   * lost) is reported to the responsible caseworker; it is still not "failed".
   */
  awaitReceiptHours: z.number().min(0.001).max(24 * 60).default(24),
});

export type DigitalPostSettings = z.infer<typeof digitalPostSettingsSchema>;

/** The price of one message of `bytes` size, in øre. */
export function priceOre(bytes: number, prices: DigitalPostSettings['prices']): number {
  const mb = bytes / (1024 * 1024);
  const raw = prices.perMessageOre + Math.ceil(mb * prices.perMbOre);
  return mb < prices.capBelowMb ? Math.min(raw, prices.capOre) : raw;
}

export const memoLimitsOf = (s: DigitalPostSettings) => ({
  maxMessageBytes: Math.round(s.limits.maxMessageMb * 1024 * 1024),
  maxFileBytes: Math.round(s.limits.maxFileMb * 1024 * 1024),
});
