import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { sealPdf } from './pades-signer';
import type { SandboxCertificate } from './sandbox-certificate';

/** One signatory's seal, as the order model hands it to the signer when that signatory signs. */
export interface SignatorySeal {
  signatoryId: string;
  /** The name from the evidence (MitID `name`), or the drawn name. */
  name: string | null;
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
 * behind this interface; the order model knows nothing about CMS.
 */
export interface DocumentSigner {
  /** Adds this signatory's signature (and its visible seal) to the document. */
  addSignature(pdf: Buffer, seal: SignatorySeal): Promise<Buffer>;
  /** At close: whatever finishes the document (Idura: a document timestamp). */
  finalize(pdf: Buffer): Promise<Buffer>;
}

/** The seal's lines, as the signature appearance makes them. */
export function sealLines(seal: SignatorySeal): string[] {
  const a = seal.appearance;
  return [a.headerLeft, a.displayName ?? seal.name, seal.signingAs, a.identifier, a.footer].filter((l): l is string => !!l);
}

/**
 * The signer used until the PAdES signer lands: draws the seal's lines on the
 * page and signs with the existing CMS sealer. It rewrites the file, so only
 * the last signature of a multi-signatory order stays intact (the PAdES
 * signer appends each as an incremental update).
 */
export function interimDocumentSigner(certificate: SandboxCertificate): DocumentSigner {
  return {
    async addSignature(pdf, seal) {
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      const font = await doc.embedFont(StandardFonts.Helvetica);
      const pages = doc.getPages();
      const positions = seal.sealPositions.length ? seal.sealPositions : [{ page: pages.length, x: 40, y: 40, scale: 1 }];
      for (const p of positions) {
        const page = pages[Math.min(Math.max(p.page, 1), pages.length) - 1]!;
        sealLines(seal).forEach((line, i) =>
          page.drawText(winAnsi(line), { x: p.x, y: p.y + (4 - i) * 11 * p.scale, size: 9 * p.scale, font, color: rgb(0.1, 0.1, 0.3) }),
        );
      }
      const drawn = Buffer.from(await doc.save({ useObjectStreams: false }));
      return sealPdf(drawn, certificate, { name: seal.appearance.displayName ?? seal.name ?? '?', reason: 'Underskrevet med MitID (sandbox)', signingTime: seal.signedAt });
    },
    async finalize(pdf) {
      return pdf;
    },
  };
}

/** Standard PDF fonts cover WinAnsi only; anything else becomes '?'. */
const winAnsi = (s: string): string => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
