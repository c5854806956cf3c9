import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkEvidence } from '../../../src-main/signing/signing-evidence-check';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function jwt(claims: object, kid = 'k1'): string {
  const body = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
}

describe('MitID evidence bound to the CPR the signature was requested from', () => {
  const karen = { jwt: jwt({ cprNumberIdentifier: '0101801234', name: 'Karen Holm' }), jwks };
  const soren = { jwt: jwt({ cprNumberIdentifier: '1502651235', name: 'Søren Østergård' }), jwks };

  it('accepts evidence whose verified claims carry each bound CPR once', () => {
    expect(checkEvidence([karen], ['0101801234'])).toEqual([]);
    expect(checkEvidence([soren, karen], ['0101801234', '1502651235'])).toEqual([]);
  });

  it('refuses evidence of another person, evidence used for two signatories, and no evidence', () => {
    expect(checkEvidence([soren], ['0101801234'])).toEqual(['evidence_cpr_mismatch']);
    expect(checkEvidence([karen], ['0101801234', '0101801234'])).toEqual(['evidence_cpr_mismatch']);
    expect(checkEvidence([], ['0101801234'])).toEqual(['evidence_missing']);
  });

  it('refuses a JWT whose claims were changed after signing, or signed by a key not in the JWKS', () => {
    const [h, , s] = karen.jwt.split('.');
    const forged = { jwt: `${h}.${b64({ cprNumberIdentifier: '0101801234', name: 'Someone Else' })}.${s}`, jwks };
    expect(checkEvidence([forged], ['0101801234'])).toEqual(['evidence_invalid', 'evidence_cpr_mismatch']);
    const otherKid = { jwt: jwt({ cprNumberIdentifier: '0101801234' }, 'k2'), jwks };
    expect(checkEvidence([otherKid], ['0101801234'])).toContain('evidence_invalid');
  });
});
