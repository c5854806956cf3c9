import { z } from 'zod';

// Contract of document templates (issue 5) and mailings (issue 3): method
// names, zod inputs, result and view types. Hubs import this with one line each.


const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
const line = z.string().max(200);

export const templateBlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2)]), text: z.string().max(300) }),
  z.strictObject({ type: z.literal('paragraph'), text: z.string().max(10_000) }),
  z.strictObject({
    type: z.literal('table'),
    columns: z
      .array(z.strictObject({ header: line, width: z.int().min(1).max(100) }))
      .min(1)
      .max(8),
    rows: z.array(z.array(z.string().max(1000)).max(8)).max(300),
  }),
]);
export type TemplateBlock = z.infer<typeof templateBlockSchema>;

/** What a template says, stored as JSON. Texts may hold `{{placeholders}}`. */
export const templateDefinitionSchema = z.strictObject({
  /** The document's title; for a mailing also the subject the citizen sees in Digital Post. */
  title: z.string().min(1).max(200),
  letterhead: z.strictObject({
    logo: z.enum(['default', 'uploaded', 'none']),
    senderLines: z.array(line).max(8),
    recipientLines: z.array(line).max(8),
    showDate: z.boolean(),
    /**
     * This template's letterhead is the one letters written on a record (the
     * Digital Post compose dialog, the "Send Digital Post" action) are printed
     * on. At most one template has it: saving one with it clears the others.
     */
    forRecordLetters: z.boolean().optional(),
  }),
  blocks: z.array(templateBlockSchema).max(200),
});
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;

/** The record-list filters a mailing chooses its records by (same meaning as listRecords). */
export const mailingFilterSchema = z.strictObject({
  search: z.string().max(200).optional(),
  workflowId: id.optional(),
  statusId: id.optional(),
  responsibleUserId: id.optional(),
  responsibleGroupId: id.optional(),
  mine: z.boolean().optional(),
});
export type MailingFilter = z.infer<typeof mailingFilterSchema>;

/** An uploaded logo: base64 of at most 1 MB of PNG or JPEG. */
const logoUpload = z.strictObject({
  mimeType: z.enum(['image/png', 'image/jpeg']),
  /** Checked for base64 characters by the handler (a pattern here would need a fuzz sample). */
  base64: z.string().max(1_400_000),
});

export const documentMethodInputs = {
  listDocumentTemplates: z.strictObject({}),
  saveDocumentTemplate: z.strictObject({
    id: id.optional(),
    name: z.string().min(1).max(200),
    definition: templateDefinitionSchema,
    /** A new uploaded logo; left out keeps the one already stored. */
    logoUpload: logoUpload.optional(),
  }),
  deleteDocumentTemplate: z.strictObject({ id }),
  previewDocument: z.strictObject({ templateId: id, recordId: id }),
  listMailings: z.strictObject({}),
  createMailing: z.strictObject({ name: z.string().min(1).max(200), templateId: id, filter: mailingFilterSchema }),
  getMailing: z.strictObject({ id }),
  previewMailing: z.strictObject({ id, count: z.int().min(1).max(5) }),
  prepareMailing: z.strictObject({ id }),
} as const;

export interface DocumentTemplateView {
  id: number;
  name: string;
  definition: TemplateDefinition;
  hasUploadedLogo: boolean;
  updatedAt: string;
}

export interface PreviewPdf {
  recordId: number;
  recordNumber: string;
  fileName: string;
  pages: number;
  /** The PDF, base64: survives JSON (browser transport) and IPC alike. */
  pdfBase64: string;
  /** Placeholders that are empty for this record: the letter would read e.g. "kontakte din sagsbehandler, ." */
  emptyPlaceholders: string[];
}

export type MailingState = 'draft' | 'preparing' | 'prepared';

export interface MailingView {
  id: number;
  name: string;
  templateId: number;
  templateName: string;
  filter: MailingFilter;
  state: MailingState;
  /** True while this app is preparing it; a 'preparing' mailing that is not running was interrupted and can be continued. */
  running: boolean;
  /** Letters in the mailing, and how many are waiting, queued in the outbox, or skipped (no CPR). */
  total: number;
  pending: number;
  queued: number;
  skipped: number;
  /** What Digital Post has done with the queued letters (from the letters' mailing_id): delivered, still awaiting (in the outbox, accepted or awaiting a receipt), failed, physical post. */
  delivery: { delivered: number; awaiting: number; failed: number; physicalPost: number };
  createdAt: string;
  preparedAt: string | null;
}

export interface DocumentMethodResults {
  listDocumentTemplates: DocumentTemplateView[];
  saveDocumentTemplate: DocumentTemplateView;
  deleteDocumentTemplate: null;
  previewDocument: PreviewPdf;
  listMailings: MailingView[];
  createMailing: MailingView;
  getMailing: MailingView;
  previewMailing: PreviewPdf[];
  prepareMailing: MailingView;
}
