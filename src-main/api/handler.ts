import type { MethodName, MethodParsed, MethodResults, UserView } from '../contract';
import type { Services } from '../app/services';
import type { Session } from '../app/session';
import { DomainError } from '../shared/domain-error';

export interface HandlerContext {
  services: Services;
  session: Session;
}

export type Handler<M extends MethodName> = (
  input: MethodParsed<M>,
  ctx: HandlerContext,
) => MethodResults[M] | Promise<MethodResults[M]>;

export type HandlerTable<K extends MethodName> = { [M in K]: Handler<M> };

/** The selected caseworker, or a `no_user_selected` error. */
export function currentUser(ctx: HandlerContext): UserView {
  const id = ctx.session.userId;
  const user = id === null ? null : ctx.services.users.getUser(id);
  if (!user) throw new DomainError('no_user_selected', 'choose who you are before working with records');
  return user;
}

/** Workspace configuration is for administrators only. */
export function requireAdmin(ctx: HandlerContext): UserView {
  const user = currentUser(ctx);
  if (!user.isAdmin) throw new DomainError('not_allowed', 'only an administrator may change the workspace');
  return user;
}

export const language = (ctx: HandlerContext) => ctx.services.config.settings.get().language;
