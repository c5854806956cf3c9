import { createPublicKey, verify as cryptoVerify, type JsonWebKey } from 'node:crypto';

/** One signatory's MitID evidence as Idura returns it on a closed order (`JWTSignature`). */
export interface SignatureEvidence {
  jwt: string;
  /** The JWKS the JWT verifies against (JSON text). */
  jwks: string;
}

export type EvidenceProblemCode = 'evidence_missing' | 'evidence_invalid' | 'evidence_cpr_mismatch';

const decode = (part: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/** The JWT's claims when its RS256/ES256 signature verifies against a key of the JWKS (by `kid`), else null. */
export function verifiedClaims(evidence: SignatureEvidence): Record<string, unknown> | null {
  const parts = evidence.jwt.split('.');
  if (parts.length !== 3) return null;
  const header = decode(parts[0]!);
  const claims = decode(parts[1]!);
  if (!header || !claims) return null;
  let keys: (JsonWebKey & { kid?: string })[];
  try {
    keys = (JSON.parse(evidence.jwks) as { keys?: (JsonWebKey & { kid?: string })[] }).keys ?? [];
  } catch {
    return null;
  }
  const key = keys.find((k) => k.kid === header.kid) ?? (keys.length === 1 && header.kid === undefined ? keys[0] : undefined);
  if (!key) return null;
  const alg = header.alg;
  if (alg !== 'RS256' && alg !== 'ES256') return null;
  try {
    const ok = cryptoVerify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      { key: createPublicKey({ key, format: 'jwk' }), ...(alg === 'ES256' ? { dsaEncoding: 'ieee-p1363' as const } : {}) },
      Buffer.from(parts[2]!, 'base64url'),
    );
    return ok ? claims : null;
  } catch {
    return null;
  }
}

/**
 * Each CPR we bound a signatory to must be the `cprNumberIdentifier` of one
 * signature's verified MitID evidence (each evidence used once). Problems
 * never carry the CPR itself.
 */
export function checkEvidence(evidence: SignatureEvidence[], boundCprs: string[]): EvidenceProblemCode[] {
  const problems: EvidenceProblemCode[] = [];
  const verified: (Record<string, unknown> | null)[] = evidence.map(verifiedClaims);
  if (verified.some((c) => c === null)) problems.push('evidence_invalid');
  const unused = verified.filter((c): c is Record<string, unknown> => c !== null);
  if (boundCprs.length > 0 && evidence.length === 0) return ['evidence_missing'];
  for (const cpr of boundCprs) {
    const at = unused.findIndex((c) => c.cprNumberIdentifier === cpr);
    if (at === -1) {
      if (!problems.includes('evidence_cpr_mismatch')) problems.push('evidence_cpr_mismatch');
    } else unused.splice(at, 1);
  }
  return problems;
}
