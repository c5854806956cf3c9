import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

// pkijs does all X.509 and CMS work on top of Node's WebCrypto.
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));
const subtle = globalThis.crypto.subtle;

const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const YEAR_MS = 365 * 24 * 3600_000;

/** One certificate with its private key (a CryptoKey for WebCrypto and pkijs). */
export interface KeyedCertificate {
  certificate: pkijs.Certificate;
  der: Buffer;
  privateKey: CryptoKey;
  /** The same key as PKCS#8 PEM, for node:crypto. */
  privateKeyPem: string;
}

/**
 * The sandbox's PKI: a root CA ("Sandbox Signatures Root CA (TEST ONLY)")
 * that issues the certificate the documents are sealed with and the
 * certificate of the sandbox's RFC 3161 timestamp authority, and signs a CRL
 * for both. Real Idura seals with a certificate under an AATL / EU trusted
 * list root; here the root is made on first start and kept in the data
 * folder, so a document signed yesterday still chains to today's root.
 */
export interface SandboxPki {
  ca: KeyedCertificate;
  signer: KeyedCertificate;
  tsa: KeyedCertificate;
  /** The CA certificate as PEM: what a validator is told to trust. */
  caPem: string;
  /** A current CRL (nothing revoked) signed by the CA, DER. */
  crl(now?: Date): Promise<Buffer>;
}

const PARTS = ['ca', 'signer', 'tsa'] as const;
type Part = (typeof PARTS)[number];

export const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();
const sha1 = (data: Uint8Array): Buffer => createHash('sha1').update(data).digest();

export const toPem = (der: Uint8Array, label: string): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
export const fromPem = (pem: string): Buffer => Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');

/** C=DK, O=Sagsbehandler sandbox, CN=…: one attribute per RDN (pkijs would put all three in one multi-valued RDN). */
function name(cn: string): pkijs.RelativeDistinguishedNames {
  const attributes = [
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'DK' }) }),
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: 'Sagsbehandler sandbox' }) }),
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }),
  ];
  const rdnSequence = new asn1js.Sequence({ value: attributes.map((a) => new asn1js.Set({ value: [a.toSchema()] })) });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(rdnSequence.toBER()).result });
}

const extension = (extnID: string, critical: boolean, value: { toSchema(): asn1js.AsnType } | asn1js.AsnType): pkijs.Extension =>
  new pkijs.Extension({ extnID, critical, extnValue: ('toSchema' in value ? value.toSchema() : value).toBER(false) });

/** KeyUsage bits (RFC 5280 §4.2.1.3), first byte: digitalSignature 0x80, nonRepudiation 0x40, keyCertSign 0x04, cRLSign 0x02. */
const keyUsage = (bits: number): asn1js.BitString => {
  // DER: the unused-bits count covers every trailing zero bit (asn1crypto re-encodes otherwise, and the certificate's signature breaks).
  let unusedBits = 0;
  while (unusedBits < 7 && !(bits & (1 << unusedBits))) unusedBits++;
  return new asn1js.BitString({ valueHex: new Uint8Array([bits]), unusedBits });
};

const serial = (): asn1js.Integer => {
  const bytes = randomBytes(12);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10; // positive, no leading zero byte
  return new asn1js.Integer({ valueHex: bytes });
};

async function keyId(publicKey: CryptoKey): Promise<Buffer> {
  const info = new pkijs.PublicKeyInfo();
  await info.importKey(publicKey);
  return sha1(info.subjectPublicKey.valueBlock.valueHexView);
}

async function makeCertificate(options: {
  subject: string;
  issuer: { name: pkijs.RelativeDistinguishedNames; keyId: Buffer; key: CryptoKey } | null;
  keys: CryptoKeyPair;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  usage: number;
  extKeyUsage?: string[];
}): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = serial();
  cert.subject = name(options.subject);
  cert.issuer = options.issuer?.name ?? cert.subject;
  cert.notBefore.value = options.notBefore;
  cert.notAfter.value = options.notAfter;
  await cert.subjectPublicKeyInfo.importKey(options.keys.publicKey);
  const ski = await keyId(options.keys.publicKey);
  cert.extensions = [
    extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: options.ca })),
    extension('2.5.29.15', true, keyUsage(options.usage)),
    extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: ski })),
    extension('2.5.29.35', false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: options.issuer?.keyId ?? ski }) })),
    // RFC 3161 §2.3: a TSA certificate has exactly one, critical, extended key usage: timeStamping.
    ...(options.extKeyUsage ? [extension('2.5.29.37', true, new pkijs.ExtKeyUsage({ keyPurposes: options.extKeyUsage }))] : []),
  ];
  await cert.sign(options.issuer?.key ?? options.keys.privateKey, 'SHA-256');
  return cert;
}

async function createPki(now: Date): Promise<Record<Part, { certificate: pkijs.Certificate; privateKey: CryptoKey }>> {
  const generate = async () => (await subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(now.getTime() - 24 * 3600_000);
  const caKeys = await generate();
  const ca = await makeCertificate({
    subject: 'Sandbox Signatures Root CA (TEST ONLY)',
    issuer: null,
    keys: caKeys,
    notBefore,
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
    ca: true,
    usage: 0x04 | 0x02,
  });
  const issuer = { name: ca.subject, keyId: await keyId(caKeys.publicKey), key: caKeys.privateKey };
  const leaf = async (subject: string, extKeyUsage?: string[]) => {
    const keys = await generate();
    const notAfter = new Date(now.getTime() + 10 * YEAR_MS);
    const certificate = await makeCertificate({ subject, issuer, keys, notBefore, notAfter, ca: false, usage: 0x80 | 0x40, extKeyUsage });
    return { certificate, privateKey: keys.privateKey };
  };
  return {
    ca: { certificate: ca, privateKey: caKeys.privateKey },
    signer: await leaf('Sandbox Signatures (TEST ONLY)'),
    tsa: await leaf('Sandbox Timestamp Authority (TEST ONLY)', ['1.3.6.1.5.5.7.3.8']),
  };
}

/**
 * Loads the PKI from `dir` (`ca.pem` + `ca-key.pem`, `signer…`, `tsa…`), or
 * makes one and writes it there. Without a dir it lives in memory (tests).
 * The keys are the sandbox's own and protect nothing: TEST ONLY.
 */
export async function loadOrCreateSandboxPki(dir: string | null, now = new Date()): Promise<SandboxPki> {
  const parts = {} as Record<Part, KeyedCertificate>;
  const complete = dir !== null && PARTS.every((p) => existsSync(join(dir, `${p}.pem`)) && existsSync(join(dir, `${p}-key.pem`)));
  if (complete) {
    for (const p of PARTS) {
      const privateKeyPem = readFileSync(join(dir, `${p}-key.pem`), 'utf8');
      const der = fromPem(readFileSync(join(dir, `${p}.pem`), 'utf8'));
      const privateKey = await subtle.importKey('pkcs8', new Uint8Array(fromPem(privateKeyPem)), ALG, true, ['sign']);
      parts[p] = { certificate: pkijs.Certificate.fromBER(new Uint8Array(der)), der, privateKey, privateKeyPem };
    }
  } else {
    const made = await createPki(now);
    if (dir !== null) mkdirSync(dir, { recursive: true });
    for (const p of PARTS) {
      const der = Buffer.from(made[p].certificate.toSchema().toBER());
      const privateKeyPem = toPem(new Uint8Array(await subtle.exportKey('pkcs8', made[p].privateKey)), 'PRIVATE KEY');
      parts[p] = { certificate: made[p].certificate, der, privateKey: made[p].privateKey, privateKeyPem };
      if (dir !== null) {
        writeFileSync(join(dir, `${p}-key.pem`), privateKeyPem, { mode: 0o600 });
        writeFileSync(join(dir, `${p}.pem`), toPem(der, 'CERTIFICATE'));
      }
    }
  }
  const caKeyId = parts.ca.certificate.extensions?.find((e) => e.extnID === '2.5.29.14');
  let cached: { at: number; der: Buffer } | null = null;
  return {
    ...parts,
    caPem: toPem(parts.ca.der, 'CERTIFICATE'),
    async crl(at = new Date()) {
      // One CRL an hour is plenty for a sandbox, and keeps closing an order cheap.
      if (cached && at.getTime() >= cached.at && at.getTime() - cached.at < 3600_000) return cached.der;
      const crl = new pkijs.CertificateRevocationList();
      crl.version = 1;
      crl.issuer = parts.ca.certificate.subject;
      crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(at.getTime() - 60_000) });
      crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(at.getTime() + 7 * 24 * 3600_000) });
      const keyIdentifier = caKeyId ? (asn1js.fromBER(caKeyId.extnValue.valueBlock.valueHexView).result as asn1js.OctetString) : undefined;
      crl.crlExtensions = new pkijs.Extensions({
        extensions: [
          ...(keyIdentifier ? [extension('2.5.29.35', false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier }))] : []),
          extension('2.5.29.20', false, new asn1js.Integer({ value: Math.floor(at.getTime() / 1000) })), // CRL number
        ],
      });
      await crl.sign(parts.ca.privateKey, 'SHA-256');
      cached = { at: at.getTime(), der: Buffer.from(crl.toSchema().toBER()) };
      return cached.der;
    },
  };
}
