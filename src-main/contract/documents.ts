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

/** The paid channels with a monthly budget (the cost ledger's kinds). */
export const COST_CHANNELS = ['digital_post', 'mitid_login', 'signature'] as const;
export type CostChannel = (typeof COST_CHANNELS)[number];

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
  getMailingSendSummary: z.strictObject({ id }),
  /** `confirmation` is the summary's fingerprint: a send whose figures changed since the dialog is refused (figures_changed). */
  sendMailing: z.strictObject({ id, confirmation: z.string().regex(/^[0-9a-f]{64}$/) }),
  getBudgetOverview: z.strictObject({}),
  /** A channel's monthly budget in øre; null removes it (no limit). */
  saveCostBudget: z.strictObject({ kind: z.enum(COST_CHANNELS), monthlyOre: z.int().min(0).max(10_000_000_000).nullable() }),
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

/** draft → preparing (rendering) → prepared (rendered, nothing queued) → sending → sent. */
export type MailingState = 'draft' | 'preparing' | 'prepared' | 'sending' | 'sent';

/** One channel's month: budget (null = no limit), spent, committed (queued, not yet charged) and left, in øre. */
export interface ChannelMonthView {
  kind: CostChannel;
  /** `YYYY-MM` */
  month: string;
  budgetOre: number | null;
  spentOre: number;
  committedOre: number;
  leftOre: number | null;
}

/** Why a letter of a mailing goes by physical post. */
export type PhysicalPostReason = 'exempt' | 'no_mailbox';

/** What the send dialog shows before a mailing goes out; `fingerprint` is what the confirmation carries back. */
export interface MailingSendSummary {
  mailingId: number;
  /** Letters that go out now, and to how many different citizens. */
  letters: number;
  citizens: number;
  digital: number;
  physical: number;
  /** The letters that go by physical post and why (at most 200 listed; `physical` is the count). */
  physicalRecipients: { recordId: number; recordNumber: string; reason: PhysicalPostReason }[];
  /** Letters skipped at preparation (no CPR, record gone). */
  skipped: number;
  /** Projected Digital Post cost from the price settings (physical post letters are not charged by Digital Post). */
  costOre: number;
  budget: ChannelMonthView;
  /** False when the cost exceeds what is left of this month's Digital Post budget. */
  withinBudget: boolean;
  fingerprint: string;
}

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
  /** Rendered and waiting for the send step (nothing of them is in the outbox yet). */
  rendered: number;
  queued: number;
  skipped: number;
  /** What Digital Post has done with the queued letters (from the letters' mailing_id): delivered, still awaiting (in the outbox, accepted or awaiting a receipt), failed, physical post. */
  delivery: { delivered: number; awaiting: number; failed: number; physicalPost: number };
  createdAt: string;
  preparedAt: string | null;
  sentAt: string | null;
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
  getMailingSendSummary: MailingSendSummary;
  sendMailing: MailingView;
  getBudgetOverview: ChannelMonthView[];
  saveCostBudget: ChannelMonthView;
}
