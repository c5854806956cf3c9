import { DomainError } from '../shared/domain-error';
import type { HandlerTable } from './handler';

export const appHandlers: HandlerTable<'getAppInfo' | 'getSettings' | 'updateSettings' | 'listUsers' | 'getSession' | 'selectUser'> = {
  getAppInfo: (_input, { services }) => ({
    version: services.config.version,
    sandbox: services.config.sandbox,
    transport: services.config.transport === 'electron' ? 'electron' : 'web',
    dataDir: services.config.dataDir,
  }),
  getSettings: (_input, { services }) => services.config.settings.get(),
  updateSettings: (input, { services }) => services.config.settings.update(input.language ? { language: input.language } : {}),
  listUsers: (_input, { services }) => services.users.listUsers(),
  getSession: (_input, { services, session }) => services.access.sessionView(session),
  /** The sandbox picker: choosing a profile is the whole sign-in, so only the picker policy allows it. */
  selectUser: (input, { services, session }) => {
    services.access.requireMethod('picker');
    const user = services.users.getUser(input.userId);
    if (!user) {
      services.access.signInFailed('picker', 'no_such_user', null);
      throw new DomainError('not_found', 'that user does not exist');
    }
    services.access.signIn(session, user, 'picker');
    return services.access.sessionView(session);
  },
};
