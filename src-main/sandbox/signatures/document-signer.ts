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
