import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * The sandbox's signing identity: a self-signed test certificate made at first
 * start and kept in memory. Real Idura signs with a qualified certificate; here
 * the point is a signature that standard tools (pdfsig) can verify as intact,
 * while its issuer is plainly untrusted ("Sandbox", never production).
 */
export interface SandboxCertificate {
  /** PKCS#12 bundle (key + certificate), empty passphrase, for @signpdf/signer-p12. */
  p12: Buffer;
  certificateDer: Buffer;
  privateKeyPem: string;
  publicKeyPem: string;
  subject: string;
  issuer: string;
}

export function createSandboxCertificate(now = new Date()): SandboxCertificate {
  // node:crypto makes the RSA key in milliseconds; forge builds the X.509 and PKCS#12 around it.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600_000);
  const attrs = [
    { name: 'commonName', value: 'Sandbox Signatures (TEST ONLY)' },
    { name: 'organizationName', value: 'Sagsbehandler sandbox' },
    { name: 'countryName', value: 'DK' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, [cert], '', { algorithm: '3des' });
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary');
  const certificateDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const subject = 'CN=Sandbox Signatures (TEST ONLY), O=Sagsbehandler sandbox, C=DK';
  return { p12, certificateDer, privateKeyPem, publicKeyPem, subject, issuer: subject };
}

/**
 * A TLS certificate for 127.0.0.1/localhost, so the signing pages can be
 * served over https: Digital Post accepts only https action links (MeMo
 * `UNDERSKRIV`). Self-signed; a tester's browser warns once.
 */
export function createTlsCertificate(now = new Date()): { keyPem: string; certPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `02${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 2 * 365 * 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: '127.0.0.1' }, { name: 'organizationName', value: 'Sagsbehandler sandbox' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}
