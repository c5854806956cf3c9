import type { SIGNING_METHOD_NAMES } from '../contract/signing-names';
import { currentUser, requireAdmin, type HandlerTable } from './handler';
import { checkServiceUrl, refuseInvalidSettings } from '../integration-settings/setting-checks';

export const signingHandlers: HandlerTable<(typeof SIGNING_METHOD_NAMES)[number]> = {
  listSigningRequests: (input, ctx) => {
    currentUser(ctx);
    ctx.services.records.row(input.recordId);
    return ctx.services.signing.listForRecord(input.recordId);
  },
  cancelSigningRequest: (input, ctx) => ctx.services.signing.cancel(input.id, currentUser(ctx).id),
  refreshSigningRequests: (input, ctx) => {
    currentUser(ctx);
    ctx.services.signing.refresh(input.recordId);
    return null;
  },
  getSigningDocument: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.signing.document(input.id, input.which);
  },
  getSignaturesSettings: (_input, ctx) => {
    currentUser(ctx);
    return ctx.services.signing.settingsView();
  },
  saveSignaturesSettings: (input, ctx) => {
    const admin = requireAdmin(ctx);
    refuseInvalidSettings([checkServiceUrl('signatures_endpoint', input.endpoint, { sandbox: ctx.services.config.sandbox })]);
    return ctx.services.signing.saveSettings(input, admin.id);
  },
};
