import { PDFDocument, PDFName } from 'pdf-lib';
import { sealPdf } from './pades-signer';
import type { SandboxCertificate } from './sandbox-certificate';
import { sealAppearance } from './seal-appearance';

/** One signatory's seal, as the order model hands it to the signer when that signatory signs. */
export interface SignatorySeal {
  signatoryId: string;
  /** The signature's /Name: the rendered displayName, else the evidence's name (MitID `name`), else "Signatory". */
  name: string;
  reason?: string;
  signingAs: string | null;
  signedAt: Date;
  /** The evidence claims the signature carries (MitID token claims). */
  claims: Record<string, string>;
  /** signatureAppearance, already rendered for this signatory and document. */
  appearance: { displayName: string | null; headerLeft: string | null; footer: string | null; identifier: string | null };
  /** pdfSealPositions (page is 1-based, as Idura's input); empty = the signer's default place. */
  sealPositions: { page: number; x: number; y: number; scale: number }[];
}

/**
 * The sandbox's PDF signing, as two calls the order model makes: one
 * signature per signatory when that signatory signs, and the finishing touch
 * when the order closes. The PAdES implementation (pades-signer.ts) slots in
 * behind this interface (its `addSignature(pdf, {name, reason})` accepts a
 * seal as is); the order model knows nothing about CMS. The visible seal is
 * `sealAppearance(...)` (seal-appearance.ts), for the signature's widget.
 */
export interface DocumentSigner {
  /** Adds this signatory's signature (and its visible seal) to the document. */
  addSignature(pdf: Buffer, seal: SignatorySeal): Promise<Buffer>;
  /** At close: whatever finishes the document (Idura: a document timestamp). */
  finalize(pdf: Buffer): Promise<Buffer>;
}

/**
 * The signer used until the PAdES signer lands: adds the visible seal and signs with the existing CMS sealer. It rewrites the file, so only
 * the last signature of a multi-signatory order stays intact (the PAdES
 * signer appends each as an incremental update).
 */
export function interimDocumentSigner(certificate: SandboxCertificate): DocumentSigner {
  return {
    async addSignature(pdf, seal) {
      // The visible seal as a stamp annotation with the seal's appearance (the PAdES signer puts the same
      // appearance on its signature widget), then the CMS signature over the rewritten file.
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      const { pageIndex, rect, appearance } = sealAppearance(doc.context, seal, doc.getPageCount(), (o) => doc.context.register(o));
      const page = doc.getPage(pageIndex);
      const annot = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Stamp', Rect: rect, F: 4, P: page.ref, AP: { N: appearance } }));
      const annots = page.node.Annots();
      if (annots) annots.push(annot);
      else page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
      const drawn = Buffer.from(await doc.save({ useObjectStreams: false }));
      return sealPdf(drawn, certificate, { name: seal.name, reason: seal.reason ?? 'Underskrevet med MitID (sandbox)', signingTime: seal.signedAt });
    },
    async finalize(pdf) {
      return pdf;
    },
  };
}

