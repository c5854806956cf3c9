import { z } from 'zod';

/**
 * What the app keeps from a MitID login: the claims it maps into records or
 * uses to pick a caseworker. Tokens themselves are dropped as soon as these are read.
 */
export interface MitidIdentity {
  /** MitID's person identifier (differs between private MitID and MitID Erhverv). */
  uuid: string;
  sub: string;
  name: string;
  givenName: string;
  familyName: string;
  birthdate: string | null;
  /** Only with the `ssn` scope (Idura's "Add CPR for MitID logins"). */
  cpr: string | null;
  acr: string;
  cvr: string | null;
}

/** The id_token claims the app relies on, named as Idura names them. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  identityscheme: z.string().max(50).optional(),
  uuid: z.string().min(1).max(100),
  name: z.string().max(300).default(''),
  birthdate: z.string().max(20).optional(),
  cprNumberIdentifier: z.string().regex(/^\d{10}$/).optional(),
  cvrNumberIdentifier: z.string().max(20).optional(),
  authenticationtype: z.string().max(100).optional(),
  acr: z.string().max(100).optional(),
});

/** "Hans Christian Andersen" → given "Hans Christian", family "Andersen": MitID only gives `name`. */
export function splitName(name: string): { givenName: string; familyName: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { givenName: parts[0] ?? '', familyName: '' };
  return { givenName: parts.slice(0, -1).join(' '), familyName: parts[parts.length - 1] as string };
}

export function identityFromClaims(claims: Record<string, unknown>): MitidIdentity {
  const c = claimsSchema.parse(claims);
  return {
    uuid: c.uuid,
    sub: c.sub,
    name: c.name,
    ...splitName(c.name),
    birthdate: c.birthdate ?? null,
    cpr: c.cprNumberIdentifier ?? null,
    acr: c.authenticationtype ?? c.acr ?? '',
    cvr: c.cvrNumberIdentifier ?? null,
  };
}
