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
  getSession: (_input, { services, session }) => ({
    user: session.userId === null ? null : services.users.getUser(session.userId),
  }),
  selectUser: (input, { services, session }) => {
    const user = services.users.getUser(input.userId);
    if (!user) throw new DomainError('not_found', 'that user does not exist');
    session.userId = user.id;
    return { user };
  },
};
