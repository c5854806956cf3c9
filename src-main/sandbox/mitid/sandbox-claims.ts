import { createHash } from 'node:crypto';
import type { TestCitizen } from '../test-citizens';

/** The acr values an Idura MitID tenant accepts, weakest first. */
export const MITID_ACR_VALUES = [
  'urn:grn:authn:dk:mitid:low',
  'urn:grn:authn:dk:mitid:substantial',
  'urn:grn:authn:dk:mitid:high',
  'urn:grn:authn:dk:mitid:business',
] as const;
export type MitidAcr = (typeof MITID_ACR_VALUES)[number];

export const DEFAULT_ACR: MitidAcr = 'urn:grn:authn:dk:mitid:substantial';

/** The sandbox's made-up employer for MitID Erhverv logins. */
const SANDBOX_CVR = '12345678';
const SANDBOX_ORGANISATION = 'Sandbox Kommune';

/**
 * Idura's `sub` is a per-tenant pseudonym, not the MitID uuid: derive one
 * deterministically so the same citizen gets the same sub on every login.
 */
export function pseudonymousSub(tenant: string, uuid: string): string {
  const h = createHash('sha256').update(`${tenant}|${uuid}`).digest('hex');
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

/** MitID Erhverv identities have their own uuid, different from the person's private MitID. */
export function businessUuid(citizen: TestCitizen): string {
  const h = createHash('sha256').update(`erhverv|${citizen.uuid}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Whole years on `now`; Idura sends `age` as a string (e.g. `"66"`), so the sandbox does too. */
export function ageOn(birthdate: string, now: Date): string {
  const [y, m, d] = birthdate.split('-').map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age -= 1;
  return String(age);
}

const LOA: Record<MitidAcr, string> = {
  'urn:grn:authn:dk:mitid:low': 'low',
  'urn:grn:authn:dk:mitid:substantial': 'substantial',
  'urn:grn:authn:dk:mitid:high': 'high',
  'urn:grn:authn:dk:mitid:business': 'substantial',
};

/**
 * The claims an Idura MitID login carries for one test citizen, named as Idura
 * names them. `cprNumberIdentifier` only when the `ssn` scope was granted.
 */
export function citizenClaims(citizen: TestCitizen, opts: { sub: string; acr: MitidAcr; withCpr: boolean; now: Date }): { sub: string } & Record<string, unknown> {
  const business = opts.acr === 'urn:grn:authn:dk:mitid:business';
  const loa = LOA[opts.acr];
  const claims: { sub: string } & Record<string, unknown> = {
    sub: opts.sub,
    identityscheme: 'dkmitid',
    authenticationtype: opts.acr,
    loA: loa,
    ial: loa,
    aal: loa,
    fal: 'high',
    uuid: business ? businessUuid(citizen) : citizen.uuid,
    name: citizen.name,
    birthdate: citizen.birthdate,
    age: ageOn(citizen.birthdate, opts.now),
    country: 'DK',
  };
  if (opts.withCpr) claims.cprNumberIdentifier = citizen.cpr;
  if (business) {
    claims.cvrNumberIdentifier = SANDBOX_CVR;
    claims['2.5.4.10'] = SANDBOX_ORGANISATION;
    claims.employee = true;
  }
  return claims;
}

/**
 * The claim names the sandbox may put in tokens, per scope (oidc-provider's `claims` setting).
 * `cprNumberIdentifier` sits under `openid` because the sandbox decides itself
 * whether a login carries it (the `ssn` scope, or `login_hint=scope:ssn` as
 * Idura's fallback), the same way for the id_token and for userinfo.
 */
export const SANDBOX_CLAIMS = {
  openid: [
    'sub',
    'identityscheme',
    'authenticationtype',
    'loA',
    'ial',
    'aal',
    'fal',
    'uuid',
    'name',
    'birthdate',
    'age',
    'country',
    'cvrNumberIdentifier',
    '2.5.4.10',
    'employee',
    'cprNumberIdentifier',
  ],
  ssn: [],
};
