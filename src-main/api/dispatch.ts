import type { MethodName, Result } from '../contract';
import { METHOD_NAMES, methodInputs } from '../contract';
import { redactCprs } from '../cpr/cpr';
import type { Services } from '../app/services';
import type { Session } from '../app/session';
import { DomainError } from '../shared/domain-error';
import { storageError, storageProblemOf } from '../store/storage-problems';
import { appHandlers } from './app-handlers';
import { digitalPostHandlers } from './digital-post-handlers';
import { documentHandlers } from './document-handlers';
import type { Handler } from './handler';
import { notificationHandlers } from './notification-handlers';
import { mitidHandlers } from './mitid-handlers';
import { recordHandlers } from './record-handlers';
import { sandboxHandlers } from './sandbox-handlers';
import { signingHandlers } from './signing-handlers';
import { timedActionHandlers } from './timed-action-handlers';
import { workspaceHandlers } from './workspace-handlers';
import { accessHandlers } from './access-handlers';
import { physicalPostHandlers } from './physical-post-handlers';
import { connectionTestHandlers } from './connection-test-handlers';

const handlers = {
  ...appHandlers,
  ...workspaceHandlers,
  ...recordHandlers,
  ...signingHandlers,
  ...notificationHandlers,
  ...timedActionHandlers,
  ...digitalPostHandlers,
  ...documentHandlers,
  ...mitidHandlers,
  ...sandboxHandlers,
  ...accessHandlers,
  ...physicalPostHandlers,
  ...connectionTestHandlers,
} satisfies {
  [M in MethodName]: Handler<M>;
};

const isMethod = (name: string): name is MethodName => (METHOD_NAMES as readonly string[]).includes(name);

/**
 * The single entry for every call from a renderer, whatever the transport.
 * Input is validated against the contract; every outcome is a Result value.
 * Unexpected errors are logged without personal data and reported generically.
 */
export function createDispatcher(services: Services) {
  return async function dispatch(method: string, input: unknown, session: Session): Promise<Result<unknown>> {
    if (!isMethod(method)) return { ok: false, error: { code: 'not_found', message: 'unknown method' } };
    const parsed = methodInputs[method].safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return { ok: false, error: { code: 'invalid_input', message: `invalid input${where}: ${issue?.message ?? 'rejected'}` } };
    }
    try {
      // Sign-in, lock, kiosk, administrator and permission checks, from the contract's METHOD_ACCESS.
      const refused = services.access.refusal(method, session);
      if (refused) return { ok: false, error: refused };
      const handler = handlers[method] as Handler<MethodName>;
      const value = await handler(parsed.data as never, { services, session });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof DomainError) {
        const base = { code: error.code, message: redactCprs(error.message) };
        return { ok: false, error: error.fieldErrors ? { ...base, fieldErrors: error.fieldErrors } : base };
      }
      // A full disk or a read-only file is not a bug: say which, so the caseworker can act on it.
      const storage = storageProblemOf(error);
      if (storage) return { ok: false, error: storageError(storage) };
      console.error(`[${method}] failed:`, redactCprs(error instanceof Error ? (error.stack ?? error.message) : String(error)));
      return { ok: false, error: { code: 'internal', message: 'something went wrong; the error has been logged' } };
    }
  };
}
