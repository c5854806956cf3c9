import type { AccessSettingsView, AccessMethodResults } from '../contract';
import { accessTexts } from '../access/access-texts';
import { DomainError } from '../shared/domain-error';
import type { HandlerContext, HandlerTable } from './handler';
import { currentUser, language } from './handler';

type AccessMethods = keyof AccessMethodResults;

function settingsView(ctx: HandlerContext): AccessSettingsView {
  const { access, config } = ctx.services;
  return {
    policy: access.store.policy(),
    sandbox: config.sandbox,
    currentOsAccount: access.osAccount(),
    osAccounts: access.store.osAccounts(),
    permissions: access.store.allPermissions(),
  };
}

// Who may call each of these is in the contract's METHOD_ACCESS; the dispatcher checks it first.
export const accessHandlers: HandlerTable<AccessMethods> = {
  signInWithOsAccount: (_input, ctx) => {
    const { access, users } = ctx.services;
    access.requireMethod('os_account');
    const account = access.osAccount();
    let userId = access.store.userForOsAccount(account);
    if (userId === null && access.store.awaitsFirstOsAccount()) {
      // A workspace where no account was ever linked: the first OS sign-in becomes its
      // first administrator, or no one could ever get in to link the others. Audited.
      const admin = users.listUsers().filter((u) => u.isAdmin).sort((a, b) => a.id - b.id)[0];
      if (admin) {
        access.store.linkOsAccount(account, admin.id);
        access.audit(admin.id, 'user.os_account_linked', { account, bootstrap: true });
        userId = admin.id;
      }
    }
    const user = userId === null ? null : users.getUser(userId);
    if (!user) {
      access.signInFailed('os_account', 'not_linked', null, { account });
      throw new DomainError('not_allowed', accessTexts(language(ctx)).osAccountNotLinked(account));
    }
    access.signIn(ctx.session, user, 'os_account');
    return access.sessionView(ctx.session);
  },
  touchSession: (_input, ctx) => {
    ctx.services.access.touch(ctx.session);
    return ctx.services.access.sessionView(ctx.session);
  },
  lockSession: (_input, ctx) => {
    ctx.services.access.lock(ctx.session, 'manual');
    return ctx.services.access.sessionView(ctx.session);
  },
  getAccessSettings: (_input, ctx) => settingsView(ctx),
  saveSignInPolicy: (input, ctx) => {
    const admin = currentUser(ctx);
    const { access, config } = ctx.services;
    const texts = accessTexts(language(ctx));
    if (input.method === 'picker' && !config.sandbox) throw new DomainError('validation_failed', texts.pickerOutsideSandbox, [{ field: 'method', key: 'picker_sandbox_only' }]);
    if (input.method === 'os_account') {
      const own = access.store.userForOsAccount(access.osAccount());
      if (own === null || !ctx.services.users.getUser(own)?.isAdmin) {
        throw new DomainError('validation_failed', texts.ownAccountFirst(access.osAccount()), [{ field: 'method', key: 'os_account_link_first' }]);
      }
    }
    const before = access.store.policy();
    const after = access.store.savePolicy(input);
    access.audit(admin.id, 'access.policy_changed', { from: before, to: after });
    return settingsView(ctx);
  },
  linkOsAccount: (input, ctx) => {
    const admin = currentUser(ctx);
    if (input.userId !== null && !ctx.services.users.getUser(input.userId)) throw new DomainError('not_found', 'that user does not exist');
    ctx.services.access.store.linkOsAccount(input.username, input.userId);
    ctx.services.access.audit(admin.id, input.userId === null ? 'user.os_account_unlinked' : 'user.os_account_linked', {
      account: input.username,
      ...(input.userId === null ? {} : { profileId: input.userId }),
    });
    return settingsView(ctx);
  },
  saveUserPermissions: (input, ctx) => {
    const admin = currentUser(ctx);
    if (!ctx.services.users.getUser(input.userId)) throw new DomainError('not_found', 'that user does not exist');
    ctx.services.access.store.savePermissions(input.userId, input.permissions);
    ctx.services.access.audit(admin.id, 'user.permissions_changed', { profileId: input.userId, permissions: input.permissions });
    return settingsView(ctx);
  },
};
