import { PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFArray, type PDFContext, type PDFObject } from 'pdf-lib';
import { appendIncrement, lookupArray, lookupDict, type Increment } from './pdf-increment';
import { cadesDetached, TimestampAuthority } from './pki/cms';
import { sha256, type SandboxPki } from './pki/sandbox-pki';

/** Who signs one signature: shown as the PDF signature's /Name. (The order model may pass more; it is handed to `appearance`.) */
export interface PdfSignatory {
  name: string;
  reason?: string;
}

/**
 * A visible seal for the signature's widget: which page, where, and a form
 * XObject for its /AP /N. `put` stores a new object in this update and
 * returns its ref. Without one the signature is invisible.
 */
export type SealAppearance<S extends PdfSignatory> = (
  context: PDFContext,
  signatory: S,
  pageCount: number,
  put: (object: PDFObject) => PDFRef,
) => { pageIndex: number; rect: [number, number, number, number]; appearance: PDFRef };

/** Bytes reserved for one CMS signature (signer + CA certificate + a timestamp token with two more). */
const SIGNATURE_BYTES = 16_384;
const TIMESTAMP_BYTES = 8_192;
const BYTE_RANGE_PLACEHOLDER = '[0 ********** ********** **********]';

const pdfDate = (d: Date): string => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
/** A PDF text string: PDFDocEncoding-safe ASCII as a literal, anything else as UTF-16BE hex. */
const pdfText = (s: string): string => (/^[\x20-\x7e]*$/.test(s) ? PDFString.of(s).toString() : PDFHexString.fromText(s).toString());

/**
 * PAdES signing as the sandbox's Idura does it (ETSI EN 319 142-1):
 * - `addSignature`, once per signatory when they sign: an incremental update
 *   with a new signature field and an ETSI.CAdES.detached CMS (ESS
 *   signing-certificate-v2, no CMS signing-time) carrying an RFC 3161
 *   signature timestamp from the sandbox TSA: baseline B-T.
 * - `finalize`, at close: an update with a DSS (the CA chain, the TSA
 *   certificate and a CRL for them: B-LT), then a document timestamp
 *   (ETSI.RFC3161) over everything: B-LTA.
 * Earlier revisions are never rewritten, so each signature stays valid.
 */
export class PadesSigner<S extends PdfSignatory = PdfSignatory> {
  readonly tsa: TimestampAuthority;
  /** The tester's fault switch (`POST /sandbox/faults`): `finalize` returns the PDF with its signatures broken. */
  brokenSignatures = false;

  constructor(
    readonly pki: SandboxPki,
    private readonly now: () => Date = () => new Date(),
    private readonly appearance?: SealAppearance<S>,
  ) {
    this.tsa = new TimestampAuthority(pki.tsa, pki.ca, now);
  }

  async addSignature(pdf: Uint8Array, signatory: S): Promise<Buffer> {
    const at = this.now();
    const dict =
      `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ${BYTE_RANGE_PLACEHOLDER}` +
      ` /Contents <${'0'.repeat(SIGNATURE_BYTES * 2)}> /M ${pdfText(pdfDate(at))} /Name ${pdfText(signatory.name)}` +
      ` /Reason ${pdfText(signatory.reason ?? 'Underskrevet med MitID (sandbox)')} >>`;
    const seal = this.appearance ? (inc: Increment) => this.appearance!(inc.context, signatory, inc.doc.getPageCount(), put(inc)) : null;
    return this.signIncrement(Buffer.from(pdf), dict, 'Signatur', (digest) => cadesDetached(digest, this.pki.signer, this.pki.ca, this.tsa), seal);
  }

  /** Adds the validation data (DSS) and the document timestamp; call once, at close. */
  async finalize(pdf: Uint8Array): Promise<Buffer> {
    const crl = await this.pki.crl(this.now());
    const withDss = (
      await appendIncrement(Buffer.from(pdf), (inc) => {
        const stream = (bytes: Uint8Array) => {
          const ref = inc.context.nextRef();
          inc.write(ref, inc.context.flateStream(bytes));
          return ref;
        };
        const existing = lookupDict(inc.context, inc.catalog.get(PDFName.of('DSS')));
        const certs = lookupArray(inc.context, existing?.get(PDFName.of('Certs')))?.asArray() ?? [];
        const crls = lookupArray(inc.context, existing?.get(PDFName.of('CRLs')))?.asArray() ?? [];
        const dss = inc.context.obj({
          Certs: [...certs, ...[this.pki.ca, this.pki.signer, this.pki.tsa].map((c) => stream(c.der))],
          CRLs: [...crls, stream(crl)],
        });
        const dssRef = inc.context.nextRef();
        inc.write(dssRef, dss);
        inc.catalog.set(PDFName.of('DSS'), dssRef);
        inc.write(inc.catalogRef, inc.catalog);
      })
    ).bytes;
    const dict =
      `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange ${BYTE_RANGE_PLACEHOLDER}` +
      ` /Contents <${'0'.repeat(TIMESTAMP_BYTES * 2)}> >>`;
    const done = await this.signIncrement(withDss, dict, 'Dokumenttidsstempel', (digest) => this.tsa.token(digest), null);
    return this.brokenSignatures ? breakSignatures(done) : done;
  }

  /**
   * One incremental update with a signature field whose value is `sigDict`
   * (raw PDF with placeholders), then the ByteRange filled in and the
   * placeholder replaced by `sign(sha256(signed bytes))` as hex.
   */
  private async signIncrement(
    pdf: Buffer,
    sigDict: string,
    fieldPrefix: string,
    sign: (digest: Buffer) => Promise<Buffer>,
    seal: ((inc: Increment) => ReturnType<SealAppearance<S>>) | null,
  ): Promise<Buffer> {
    let sigRef: PDFRef | null = null;
    const { bytes, rawOffsets } = await appendIncrement(pdf, (inc) => {
      sigRef = inc.writeRaw(sigDict);
      addSignatureField(inc, sigRef, fieldPrefix, seal?.(inc) ?? null);
    });
    const objectAt = rawOffsets.get(sigRef!)!;
    const text = bytes.subarray(objectAt, objectAt + sigDict.length).toString('latin1');
    const contentsStart = objectAt + text.indexOf('/Contents <') + '/Contents '.length; // at '<'
    const contentsEnd = bytes.indexOf('>', contentsStart) + 1; // after '>'
    const range = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
    const rangeText = `[${range.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
    if (rangeText.length !== BYTE_RANGE_PLACEHOLDER.length) throw new Error('ByteRange does not fit its placeholder');
    bytes.write(rangeText, objectAt + text.indexOf(BYTE_RANGE_PLACEHOLDER), 'latin1');
    const digest = sha256(Buffer.concat([bytes.subarray(0, contentsStart), bytes.subarray(contentsEnd)]));
    const cms = await sign(digest);
    const room = (contentsEnd - contentsStart - 2) / 2;
    if (cms.length > room) throw new Error(`signature of ${cms.length} bytes does not fit the ${room} reserved`);
    bytes.write(cms.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
    return bytes;
  }
}

const put =
  (inc: Increment) =>
  (object: PDFObject): PDFRef => {
    const ref = inc.context.nextRef();
    inc.write(ref, object);
    return ref;
  };

/**
 * A signature field (merged field and widget), listed in the AcroForm with
 * SigFlags 3 (signatures exist, append only): invisible on the first page, or
 * the visible seal where `seal` puts it.
 */
function addSignatureField(inc: Increment, sigRef: PDFRef, prefix: string, seal: ReturnType<SealAppearance<PdfSignatory>> | null): void {
  const { context, catalog } = inc;
  const pageRef = inc.doc.getPage(seal?.pageIndex ?? 0).ref;
  const page = context.lookup(pageRef, PDFDict);

  const acroFormValue = catalog.get(PDFName.of('AcroForm'));
  const acroForm = lookupDict(context, acroFormValue)?.clone(context) ?? (context.obj({}) as PDFDict);
  const fields = lookupArray(context, acroForm.get(PDFName.of('Fields')))?.asArray() ?? [];
  const taken = new Set(fields.map((f) => fieldName(context, f)));
  let n = 1;
  while (taken.has(`${prefix} ${n}`)) n++;

  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(`${prefix} ${n}`),
    V: sigRef,
    F: 132, // print + locked
    Rect: seal?.rect ?? [0, 0, 0, 0],
    P: pageRef,
    ...(seal ? { AP: { N: seal.appearance } } : {}),
  });
  const widgetRef = context.nextRef();
  inc.write(widgetRef, widget);

  acroForm.set(PDFName.of('Fields'), context.obj([...fields, widgetRef]));
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroFormValue instanceof PDFRef) {
    inc.write(acroFormValue, acroForm);
  } else {
    const acroFormRef = context.nextRef();
    inc.write(acroFormRef, acroForm);
    catalog.set(PDFName.of('AcroForm'), acroFormRef);
    inc.write(inc.catalogRef, catalog);
  }

  const annotsValue = page.get(PDFName.of('Annots'));
  const annots = lookupArray(context, annotsValue)?.asArray() ?? [];
  const newAnnots = context.obj([...annots, widgetRef]) as PDFArray;
  if (annotsValue instanceof PDFRef) inc.write(annotsValue, newAnnots);
  else {
    page.set(PDFName.of('Annots'), newAnnots);
    inc.write(pageRef, page);
  }
}

function fieldName(context: PDFContext, field: unknown): string | null {
  const dict = lookupDict(context, field as PDFRef);
  const t = dict?.get(PDFName.of('T'));
  return t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : null;
}

/**
 * The fault switch's damage: one byte of the original document (inside every
 * signature's signed range) changed, so each ByteRange digest stops matching
 * while the file still opens. The byte is the first of the binary comment on
 * the second line, which every PDF writer puts there and no reader interprets.
 */
export function breakSignatures(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const secondLine = copy.indexOf(0x0a) + 1;
  const at = copy[secondLine] === 0x25 /* % */ ? secondLine + 1 : Math.floor(copy.indexOf('/ByteRange') / 2);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
