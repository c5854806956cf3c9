import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * The Digital Post sandbox's own little PKI, as the real access point has one:
 * a sandbox CA, the server certificate for 127.0.0.1 it signs, and the app's
 * client certificate (PKCS#12) with the system's fixed Basic credential. Made on
 * first start in the data folder and reused afterwards, so the app keeps working
 * across restarts; nothing here is a real certificate.
 */
export interface SandboxPki {
  dir: string;
  caCertPem: string;
  serverKeyPem: string;
  serverCertPem: string;
  /** The app's client certificate and its password. */
  clientP12Path: string;
  clientP12Password: string;
  /** `uuidA:uuidB`, the value the sandbox requires in `Authorization: Basic`. */
  basicCredential: string;
}

const FILES = {
  caCert: 'sandbox-ca.crt.pem',
  caKey: 'sandbox-ca.key.pem',
  serverCert: 'server.crt.pem',
  serverKey: 'server.key.pem',
  clientP12: 'app-system-certificate.p12',
  clientInfo: 'app-credentials.json',
} as const;

interface ClientInfo {
  p12Password: string;
  basicCredential: string;
}

/** Reads the PKI from `dir`, making it first when it is not there (or incomplete). */
export function ensureSandboxPki(dir: string): SandboxPki {
  const at = (f: keyof typeof FILES) => join(dir, FILES[f]);
  if (!(Object.keys(FILES) as (keyof typeof FILES)[]).every((f) => existsSync(at(f)))) createPki(dir);
  const info = JSON.parse(readFileSync(at('clientInfo'), 'utf8')) as ClientInfo;
  return {
    dir,
    caCertPem: readFileSync(at('caCert'), 'utf8'),
    serverKeyPem: readFileSync(at('serverKey'), 'utf8'),
    serverCertPem: readFileSync(at('serverCert'), 'utf8'),
    clientP12Path: at('clientP12'),
    clientP12Password: info.p12Password,
    basicCredential: info.basicCredential,
  };
}

function createPki(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const ca = keyPair();
  const caCert = certificate({
    subject: 'Digital Post sandbox CA',
    publicKey: ca.publicKey,
    issuer: null,
    signer: ca.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = keyPair();
  const serverCert = certificate({
    subject: '127.0.0.1',
    publicKey: server.publicKey,
    issuer: caCert,
    signer: ca.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  const client = keyPair();
  const clientCert = certificate({
    subject: 'Kommunen sagsbehandlersystem (sandbox) - CVR:12345678',
    publicKey: client.publicKey,
    issuer: caCert,
    signer: ca.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  const info: ClientInfo = { p12Password: randomBytes(12).toString('base64url'), basicCredential: `${randomUUID()}:${randomUUID()}` };
  // The leaf only: Node would trust a CA carried in the PKCS#12 for the server too.
  // AES-256 (PBES2) so OpenSSL 3 opens it without the legacy provider, as a current FOCES/OCES3 export.
  const p12 = forge.pkcs12.toPkcs12Asn1(client.privateKey, [clientCert], info.p12Password, { algorithm: 'aes256', friendlyName: 'sandbox system' });
  const write = (f: keyof typeof FILES, data: string | Buffer) => writeFileSync(join(dir, FILES[f]), data, { mode: 0o600 });
  write('caCert', forge.pki.certificateToPem(caCert));
  write('caKey', forge.pki.privateKeyToPem(ca.privateKey));
  write('serverCert', forge.pki.certificateToPem(serverCert));
  write('serverKey', forge.pki.privateKeyToPem(server.privateKey));
  write('clientP12', Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
  write('clientInfo', JSON.stringify(info, null, 2));
}

/** RSA keys from Node's native generator (node-forge's pure-JS one takes seconds). */
function keyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
  };
}

function certificate(o: {
  subject: string;
  publicKey: forge.pki.rsa.PublicKey;
  issuer: forge.pki.Certificate | null;
  signer: forge.pki.rsa.PrivateKey;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = o.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [{ name: 'commonName', value: o.subject }, { name: 'organizationName', value: 'Sagsbehandler sandbox' }];
  cert.setSubject(subject);
  cert.setIssuer(o.issuer ? o.issuer.subject.attributes : subject);
  cert.setExtensions(o.extensions);
  cert.sign(o.signer, forge.md.sha256.create());
  return cert;
}

/** Another CA's client certificate (PKCS#12), for showing that the sandbox refuses it. */
export function foreignClientP12(password: string): Buffer {
  const k = keyPair();
  const cert = certificate({ subject: 'Fremmed system', publicKey: k.publicKey, issuer: null, signer: k.privateKey, extensions: [{ name: 'extKeyUsage', clientAuth: true }] });
  const p12 = forge.pkcs12.toPkcs12Asn1(k.privateKey, [cert], password, { algorithm: 'aes256' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
