import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import * as pkijs from 'pkijs';

// pkijs on Node's WebCrypto (the same engine the sandbox uses; setting it twice is harmless).
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

const HASHES: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Why a signed PDF was refused; the caseworker reads the texts (signing-texts.ts). */
export type SignatureProblemCode =
  | 'unreadable'
  | 'no_signatures'
  | 'byte_range'
  | 'not_whole_file'
  | 'digest_mismatch'
  | 'signature_invalid'
  | 'untrusted'
  | 'no_signing_certificate_v2'
  | 'signing_time'
  | 'no_signature_timestamp'
  | 'timestamp_invalid'
  | 'no_document_timestamp';

export interface SignatureProblem {
  code: SignatureProblemCode;
  /** The signature field (e.g. "Signatur 2"), when the problem is one signature's. */
  field: string | null;
}

export interface SignedPdfReport {
  /** PDF signatures (ETSI.CAdES.detached / adbe.pkcs7.detached), in file order. */
  signatures: { field: string; name: string | null; signer: string }[];
  documentTimestamps: number;
  problems: SignatureProblem[];
}

interface EmbeddedSignature {
  field: string;
  subFilter: string;
  byteRange: number[];
  contents: Uint8Array;
  name: string | null;
}

const text = (o: PDFObject | undefined): string | null =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : null;

/** Every signature field's value, with nested fields (Kids) and widgets followed. */
function embeddedSignatures(doc: PDFDocument): EmbeddedSignature[] {
  const { context } = doc;
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? context.lookup(o) : o);
  const acroForm = deref(doc.catalog.get(PDFName.of('AcroForm')));
  if (!(acroForm instanceof PDFDict)) return [];
  const out: EmbeddedSignature[] = [];
  const seen = new Set<PDFObject>();
  const visit = (node: PDFObject | undefined, prefix: string) => {
    const field = deref(node);
    if (!(field instanceof PDFDict) || seen.has(field)) return;
    seen.add(field);
    const own = text(field.get(PDFName.of('T')));
    const name = own === null ? prefix : prefix ? `${prefix}.${own}` : own;
    const kids = deref(field.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) visit(kid, name);
    const v = deref(field.get(PDFName.of('V')));
    if (!(v instanceof PDFDict) || !v.get(PDFName.of('ByteRange'))) return;
    const range = deref(v.get(PDFName.of('ByteRange')));
    const contents = deref(v.get(PDFName.of('Contents')));
    out.push({
      field: name,
      subFilter: text(v.get(PDFName.of('SubFilter'))) ?? '',
      byteRange: range instanceof PDFArray ? range.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN)) : [],
      contents: contents instanceof PDFHexString ? contents.asBytes() : contents instanceof PDFString ? contents.asBytes() : new Uint8Array(),
      name: text(v.get(PDFName.of('Name'))),
    });
  };
  const fields = deref(acroForm.get(PDFName.of('Fields')));
  if (fields instanceof PDFArray) for (const f of fields.asArray()) visit(f, '');
  return out;
}

/** A copy in its own ArrayBuffer (a Buffer's .buffer may be a shared pool). */
const ab = (bytes: Uint8Array): ArrayBuffer => {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
};

function parseSignedData(der: Uint8Array): pkijs.SignedData | null {
  try {
    const asn = asn1js.fromBER(ab(der));
    if (asn.offset === -1) return null;
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) return null;
    return new pkijs.SignedData({ schema: info.content });
  } catch {
    return null;
  }
}

const attr = (si: pkijs.SignerInfo, type: string, signed: boolean): pkijs.Attribute | undefined =>
  (signed ? si.signedAttrs : si.unsignedAttrs)?.attributes.find((a) => a.type === type);

function digestOf(si: pkijs.SignerInfo, data: Uint8Array): Buffer | null {
  const alg = HASHES[si.digestAlgorithm.algorithmId];
  return alg ? createHash(alg).update(data).digest() : null;
}

/** Whether the signer certificate's hash is in the ESS signing-certificate-v2 attribute (RFC 5035). */
function essMatches(si: pkijs.SignerInfo, signer: pkijs.Certificate | null | undefined): boolean {
  const a = attr(si, OID.signingCertificateV2, true);
  if (!a || !signer) return false;
  try {
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 ... }; ESSCertIDv2 ::= SEQUENCE { [hashAlgorithm], certHash, [issuerSerial] }
    const certs = (a.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const der = new Uint8Array(signer.toSchema().toBER());
    return certs.valueBlock.value.some((id) => {
      const parts = (id as asn1js.Sequence).valueBlock.value;
      const hasAlg = parts[0] instanceof asn1js.Sequence;
      const algId = hasAlg ? new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId : '2.16.840.1.101.3.4.2.1';
      const hash = parts[hasAlg ? 1 : 0] as asn1js.OctetString;
      const alg = HASHES[algId];
      return !!alg && Buffer.from(hash.valueBlock.valueHexView).equals(createHash(alg).update(der).digest());
    });
  } catch {
    return false;
  }
}

interface CmsOutcome {
  integrity: boolean;
  signatureOk: boolean;
  trusted: boolean;
  signer: pkijs.Certificate | null;
}

/**
 * `data`: the detached content, whose digest must equal the message-digest
 * attribute. For a timestamp token, `stamped` instead: what the token's
 * TSTInfo must stamp (pkijs checks its imprint).
 */
async function verifyCms(sd: pkijs.SignedData, data: Uint8Array | null, anchors: pkijs.Certificate[], at: Date, stamped?: Uint8Array): Promise<CmsOutcome> {
  const si = sd.signerInfos[0];
  if (!si) return { integrity: false, signatureOk: false, trusted: false, signer: null };
  let integrity = true;
  if (data) {
    const md = attr(si, OID.messageDigest, true);
    const digest = digestOf(si, data);
    integrity = !!md && !!digest && Buffer.from((md.values[0] as asn1js.OctetString).valueBlock.valueHexView).equals(digest);
  }
  const input = data ?? stamped;
  let signatureOk = false;
  let signer: pkijs.Certificate | null = null;
  try {
    const r = await sd.verify({ signer: 0, checkChain: false, extendedMode: true, ...(input ? { data: ab(input) } : {}) });
    signatureOk = r.signatureVerified === true;
    signer = r.signerCertificate ?? null;
  } catch (error) {
    signer = (error as pkijs.SignedDataVerifyError).signerCertificate ?? null;
  }
  let trusted = false;
  if (signatureOk && anchors.length > 0) {
    try {
      const r = await sd.verify({ signer: 0, checkChain: true, trustedCerts: anchors, checkDate: at, extendedMode: true, ...(input ? { data: ab(input) } : {}) });
      trusted = r.signatureVerified === true && r.signerCertificateVerified === true;
    } catch {
      trusted = false;
    }
  }
  return { integrity, signatureOk, trusted, signer };
}

/** An RFC 3161 token: signature and chain, and that it stamps `imprintOf` (its TSTInfo hash). */
async function verifyTimestamp(token: Uint8Array | asn1js.AsnType, imprintOf: Uint8Array, anchors: pkijs.Certificate[]): Promise<{ ok: boolean; trusted: boolean; genTime: Date | null }> {
  const sd = token instanceof Uint8Array ? parseSignedData(token) : parseSignedDataSchema(token);
  if (!sd || sd.encapContentInfo.eContentType !== OID.tstInfo || !sd.encapContentInfo.eContent) return { ok: false, trusted: false, genTime: null };
  try {
    const eContent = sd.encapContentInfo.eContent;
    const bytes = eContent.idBlock.isConstructed
      ? Buffer.concat(eContent.valueBlock.value.map((p) => Buffer.from((p as asn1js.OctetString).valueBlock.valueHexView)))
      : Buffer.from(eContent.valueBlock.valueHexView);
    const tst = pkijs.TSTInfo.fromBER(ab(bytes));
    const alg = HASHES[tst.messageImprint.hashAlgorithm.algorithmId];
    const imprintOk = !!alg && Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(createHash(alg).update(imprintOf).digest());
    const cms = await verifyCms(sd, null, anchors, tst.genTime, imprintOf);
    return { ok: imprintOk && cms.signatureOk, trusted: cms.trusted, genTime: tst.genTime };
  } catch {
    return { ok: false, trusted: false, genTime: null };
  }
}

function parseSignedDataSchema(schema: asn1js.AsnType): pkijs.SignedData | null {
  try {
    return parseSignedData(new Uint8Array(schema.toBER()));
  } catch {
    return null;
  }
}

const endsAtEof = (pdf: Uint8Array, end: number): boolean =>
  /%%EOF\s*$/.test(Buffer.from(pdf.subarray(Math.max(0, end - 64), end)).toString('latin1'));

/**
 * Checks a signed PDF the way a PAdES validator does, independently of who
 * sent it: every signature's ByteRange (starts at 0, leaves out exactly its
 * /Contents, ends at a revision's %%EOF), its digest, its CMS signature, its
 * chain to one of `anchors`, ESS signing-certificate-v2 and no CMS
 * signing-time (PAdES baseline), a valid signature timestamp; and a document
 * timestamp over the whole file (what Idura adds at close). Returns every
 * problem found; none means the PDF is good.
 *
 * Not checked: what later incremental updates changed (pyHanko's modification
 * analysis), revocation (the DSS's CRLs are not evaluated).
 */
export async function checkSignedPdf(pdf: Uint8Array, anchors: pkijs.Certificate[]): Promise<SignedPdfReport> {
  const report: SignedPdfReport = { signatures: [], documentTimestamps: 0, problems: [] };
  const problem = (code: SignatureProblemCode, field: string | null = null) => report.problems.push({ code, field });
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    problem('unreadable');
    return report;
  }
  const found = embeddedSignatures(doc);
  if (!found.some((s) => s.subFilter !== 'ETSI.RFC3161')) problem('no_signatures');
  let coversWholeFile = false;
  for (const s of found) {
    const [start, len1, off2, len2] = s.byteRange;
    const valid =
      s.byteRange.length === 4 &&
      start === 0 &&
      [len1, off2, len2].every((n) => Number.isInteger(n) && n! >= 0) &&
      off2! > len1! &&
      off2! + len2! <= pdf.length &&
      pdf[len1!] === 0x3c /* < */ &&
      pdf[off2! - 1] === 0x3e /* > */ &&
      endsAtEof(pdf, off2! + len2!);
    if (!valid) {
      problem('byte_range', s.field);
      continue;
    }
    const end = off2! + len2!;
    if (/^\s*$/.test(Buffer.from(pdf.subarray(end)).toString('latin1'))) coversWholeFile = true;
    const covered = Buffer.concat([pdf.subarray(0, len1!), pdf.subarray(off2!, end)]);
    if (s.subFilter === 'ETSI.RFC3161') {
      const ts = await verifyTimestamp(s.contents, covered, anchors);
      if (!ts.ok) problem('timestamp_invalid', s.field);
      else if (!ts.trusted) problem('untrusted', s.field);
      else report.documentTimestamps++;
      continue;
    }
    const sd = parseSignedData(s.contents);
    const si = sd?.signerInfos[0];
    if (!sd || !si) {
      problem('signature_invalid', s.field);
      continue;
    }
    const tsAttr = attr(si, OID.signatureTimeStampToken, false);
    const stamp = tsAttr ? await verifyTimestamp(tsAttr.values[0]!, new Uint8Array(si.signature.valueBlock.valueHexView), anchors) : null;
    const cms = await verifyCms(sd, covered, anchors, stamp?.genTime ?? new Date());
    if (!cms.integrity) problem('digest_mismatch', s.field);
    else if (!cms.signatureOk) problem('signature_invalid', s.field);
    else if (!cms.trusted) problem('untrusted', s.field);
    if (!essMatches(si, cms.signer)) problem('no_signing_certificate_v2', s.field);
    if (attr(si, OID.signingTime, true)) problem('signing_time', s.field);
    if (!stamp) problem('no_signature_timestamp', s.field);
    else if (!stamp.ok || !stamp.trusted) problem('timestamp_invalid', s.field);
    const cn = cms.signer?.subject.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value;
    report.signatures.push({ field: s.field, name: s.name, signer: typeof cn === 'string' ? cn : '' });
  }
  if (found.length > 0 && !coversWholeFile) problem('not_whole_file');
  if (report.documentTimestamps === 0 && !report.problems.some((p) => p.code === 'timestamp_invalid' || p.code === 'untrusted')) problem('no_document_timestamp');
  return report;
}

/** Reads PEM certificates (one or many in a text) for `checkSignedPdf`'s anchors. */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => pkijs.Certificate.fromBER(ab(Buffer.from(b.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'))));
}
