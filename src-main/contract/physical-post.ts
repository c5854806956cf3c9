import { z } from 'zod';
import type { MessageView } from './digital-post';

const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

export const physicalPostInputs = {
  /**
   * One PDF of a letter (0 = the main document, then the attachments), exactly
   * as sent or queued. `purpose` is written to the audit: opening a letter is
   * reading personal data.
   */
  getLetterPdf: z.strictObject({ id, file: z.int().min(0).max(20).optional(), purpose: z.enum(['view', 'download', 'print']) }),
  getPrintList: z.strictObject({}),
  /** Marks letters as posted. `postedOn` is dd-mm-åååå, dd.mm.åååå or ISO; empty or absent is today. */
  markLettersPosted: z.strictObject({ ids: z.array(id).min(1).max(500), postedOn: z.string().max(20).optional() }),
  getProofOfDeliveryPdf: z.strictObject({ id }),
};

export interface LetterPdfView {
  fileName: string;
  pdfBase64: string;
  /** How many PDFs the letter holds (main document and attachments). */
  fileCount: number;
}

export interface PrintListView {
  /** Letters waiting to be printed and posted, oldest first. */
  waiting: MessageView[];
  /** The latest letters marked as posted. */
  posted: MessageView[];
}

export interface PhysicalPostMethodResults {
  getLetterPdf: LetterPdfView;
  getPrintList: PrintListView;
  markLettersPosted: MessageView[];
  getProofOfDeliveryPdf: { fileName: string; pdfBase64: string };
}
