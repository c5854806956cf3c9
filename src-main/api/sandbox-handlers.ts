import type { HandlerTable } from './handler';
import { requireAdmin } from './handler';

/** The sandbox overview on Administration → Integrations: where each simulator of this app listens. */
export const sandboxHandlers: HandlerTable<'getSandboxServices'> = {
  getSandboxServices: (_input, ctx) => {
    requireAdmin(ctx);
    return ctx.services.sandboxAddresses.view();
  },
};
