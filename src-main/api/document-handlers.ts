import type { DocumentMethodResults } from '../contract';
import { redactCprs } from '../cpr/cpr';
import { embedImage } from '../documents/pdf/image-embed';
import { decodeLogo } from '../documents/template-repo';
import { PDFContext } from 'pdf-lib';
import type { HandlerTable } from './handler';
import { currentUser, requireAdmin } from './handler';

type DocumentMethods = keyof DocumentMethodResults;

/** A logo is only accepted if pdf-lib's own image reader can embed it. */
const tryEmbed = (bytes: Uint8Array, type: 'png' | 'jpeg') => void embedImage(PDFContext.create(), bytes, type);

export const documentHandlers: HandlerTable<DocumentMethods> = {
  listDocumentTemplates: (_input, ctx) => {
    currentUser(ctx);
    return ctx.services.documents.templates.list();
  },
  saveDocumentTemplate: (input, ctx) => {
    const user = requireAdmin(ctx);
    const logo = input.logoUpload ? decodeLogo(input.logoUpload, tryEmbed) : undefined;
    const id = ctx.services.documents.templates.save(
      { ...(input.id !== undefined ? { id: input.id } : {}), name: input.name, definition: input.definition, ...(logo ? { logo } : {}) },
      user.id,
    );
    return ctx.services.documents.templates.view(id);
  },
  deleteDocumentTemplate: (input, ctx) => {
    requireAdmin(ctx);
    ctx.services.documents.templates.delete(input.id);
    return null;
  },
  previewDocument: (input, ctx) => {
    const user = currentUser(ctx);
    return ctx.services.documents.preview(input.templateId, [input.recordId], user.id)[0]!;
  },
  listMailings: (_input, ctx) => {
    currentUser(ctx);
    return ctx.services.mailings.list();
  },
  createMailing: (input, ctx) => {
    const user = currentUser(ctx);
    return ctx.services.mailings.create(input, user);
  },
  getMailing: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.mailings.view(input.id);
  },
  previewMailing: (input, ctx) => {
    const user = currentUser(ctx);
    return ctx.services.mailings.preview(input.id, input.count, user.id);
  },
  prepareMailing: (input, ctx) => {
    const user = currentUser(ctx);
    const mailings = ctx.services.mailings;
    mailings.view(input.id);
    // Runs in the background in chunks; the screen polls getMailing for progress.
    // If it stops (crash, error), preparing again continues with the pending letters.
    mailings.prepare(input.id, user.id).catch((error: unknown) => {
      console.error(`mailing ${input.id}: preparation stopped: ${redactCprs(error instanceof Error ? error.message : String(error))}`);
    });
    return mailings.view(input.id);
  },
  getMailingSendSummary: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.mailings.sendSummary(input.id);
  },
  sendMailing: (input, ctx) => {
    const user = currentUser(ctx);
    const mailings = ctx.services.mailings;
    // The confirmation and the budget are checked before this returns (and before anything is queued);
    // queueing then runs in the background in chunks, and the screen polls getMailing.
    mailings.send(input.id, input.confirmation, user.id).catch((error: unknown) => {
      console.error(`mailing ${input.id}: sending stopped: ${redactCprs(error instanceof Error ? error.message : String(error))}`);
    });
    return mailings.view(input.id);
  },
  getBudgetOverview: (_input, ctx) => {
    currentUser(ctx);
    return ctx.services.budgets.overview();
  },
  saveCostBudget: (input, ctx) => {
    const user = requireAdmin(ctx);
    return ctx.services.budgets.set(input.kind, input.monthlyOre, user.id);
  },
};
