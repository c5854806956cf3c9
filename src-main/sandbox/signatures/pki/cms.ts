import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, type KeyedCertificate } from './sandbox-pki';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** The sandbox TSA's policy: an OID under 2.25 (UUID-derived, ITU-T X.667), so it collides with nobody's. */
export const SANDBOX_TSA_POLICY = '2.25.178290753413916032960213436541180420352';

const toPkijs = (c: KeyedCertificate): pkijs.Certificate => c.certificate;

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer's
 * certificate by its SHA-256 hash and issuer/serial, which PAdES requires.
 */
function signingCertificateV2(cert: pkijs.Certificate): pkijs.Attribute {
  const certHash = sha256(new Uint8Array(cert.toSchema().toBER()));
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default (SHA-256) hash algorithm left out.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial.toSchema()] });
  return new pkijs.Attribute({
    type: OID.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

function signerInfo(signer: pkijs.Certificate, contentType: string, digest: Buffer): pkijs.SignerInfo {
  return new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: contentType })] }),
        new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
        signingCertificateV2(signer),
      ],
    }),
  });
}

const contentInfoDer = (signedData: pkijs.SignedData): Buffer =>
  Buffer.from(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER());

/**
 * The sandbox timestamp authority: an RFC 3161 TimeStampToken over a SHA-256
 * imprint, signed by the TSA certificate (with ESS signing-certificate-v2, as
 * RFC 5816 asks), carrying the TSA and CA certificates.
 */
export class TimestampAuthority {
  constructor(
    private readonly tsa: KeyedCertificate,
    private readonly ca: KeyedCertificate,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * RFC 3161 over HTTP (`POST /tsa`, application/timestamp-query): a
   * TimeStampResp granting a token for the request's SHA-256 imprint (nonce
   * echoed), or rejecting any other hash algorithm with failInfo badAlg.
   */
  async respond(requestDer: Uint8Array): Promise<Buffer> {
    let request: pkijs.TimeStampReq;
    try {
      request = pkijs.TimeStampReq.fromBER(new Uint8Array(requestDer).buffer);
    } catch {
      return this.refusal(5); // badDataFormat
    }
    if (request.messageImprint.hashAlgorithm.algorithmId !== OID.sha256) return this.refusal(0); // badAlg
    const imprint = Buffer.from(request.messageImprint.hashedMessage.valueBlock.valueHexView);
    if (imprint.length !== 32) return this.refusal(5);
    const signedData = await this.signedData(imprint, request.nonce);
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }),
    });
    return Buffer.from(response.toSchema().toBER());
  }

  private refusal(failBit: number): Buffer {
    const bits = new Uint8Array(4);
    bits[failBit >> 3] = 0x80 >> (failBit & 7);
    const used = Math.floor(failBit / 8) + 1;
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({
        status: pkijs.PKIStatus.rejection,
        failInfo: new asn1js.BitString({ valueHex: bits.slice(0, used), unusedBits: 7 - (failBit & 7) }),
      }),
    });
    return Buffer.from(response.toSchema().toBER());
  }

  async token(imprint: Buffer, nonce?: asn1js.Integer): Promise<Buffer> {
    return contentInfoDer(await this.signedData(imprint, nonce));
  }

  async signedData(imprint: Buffer, nonce?: asn1js.Integer): Promise<pkijs.SignedData> {
    const serialBytes = randomBytes(10);
    serialBytes[0] = serialBytes[0]! & 0x7f;
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: SANDBOX_TSA_POLICY,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
      }),
      serialNumber: new asn1js.Integer({ valueHex: serialBytes }),
      genTime: this.now(),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(nonce ? { nonce } : {}),
    });
    const tstDer = new Uint8Array(tstInfo.toSchema().toBER());
    const tsaCert = toPkijs(this.tsa);
    const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: OID.tstInfo });
    // Set after construction: pkijs's constructor would turn it into a constructed (BER) OCTET STRING, which DER-strict validators refuse.
    encapContentInfo.eContent = new asn1js.OctetString({ valueHex: tstDer });
    const signedData = new pkijs.SignedData({
      version: 3,
      encapContentInfo,
      signerInfos: [signerInfo(tsaCert, OID.tstInfo, sha256(tstDer))],
      certificates: [tsaCert, toPkijs(this.ca)],
    });
    await signedData.sign(this.tsa.privateKey, 0, 'SHA-256');
    return signedData;
  }
}

/**
 * A detached CAdES signature over `digest` (the SHA-256 of the PDF's signed
 * byte ranges) as PAdES baseline B-T wants it: content-type, message-digest
 * and signing-certificate-v2 signed; no signing-time (the time is the PDF's
 * /M, and the proof of time is the timestamp); the signer and CA certificates
 * included; and a signature timestamp over the signature value as an
 * unsigned attribute.
 */
export async function cadesDetached(digest: Buffer, signer: KeyedCertificate, ca: KeyedCertificate, tsa: TimestampAuthority): Promise<Buffer> {
  const signerCert = toPkijs(signer);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [signerInfo(signerCert, OID.data, digest)],
    certificates: [signerCert, toPkijs(ca)],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const info = signedData.signerInfos[0]!;
  const token = await tsa.token(sha256(info.signature.valueBlock.valueHexView));
  info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [asn1js.fromBER(new Uint8Array(token)).result] })],
  });
  return contentInfoDer(signedData);
}
