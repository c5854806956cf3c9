import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import type { SandboxCertificate } from './sandbox-certificate';

export interface SealInfo {
  /** Who signed, shown as the signature's name (the signatories' names). */
  name: string;
  reason: string;
  signingTime: Date;
}

/**
 * Seals a PDF with a CMS signature in a PDF signature dictionary with
 * SubFilter ETSI.CAdES.detached (PAdES-style), covering the whole file by its
 * ByteRange, as Idura does when an order is closed. Not PAdES-LTA: there is no
 * timestamp authority or revocation data in the sandbox.
 */
export async function sealPdf(pdf: Uint8Array, certificate: SandboxCertificate, info: SealInfo): Promise<Buffer> {
  const pdfDoc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc,
    reason: info.reason,
    contactInfo: 'sandbox@localhost',
    name: info.name,
    location: 'Sandbox Signatures',
    signingTime: info.signingTime,
    subFilter: 'ETSI.CAdES.detached',
    signatureLength: 8192,
    appName: 'Sagsbehandler sandbox',
  });
  // Without object streams, so the placeholder's ByteRange can be found and filled in.
  const withPlaceholder = Buffer.from(await pdfDoc.save({ useObjectStreams: false }));
  const signer = new P12Signer(certificate.p12, { passphrase: '' });
  return new SignPdf().sign(withPlaceholder, signer, info.signingTime);
}
