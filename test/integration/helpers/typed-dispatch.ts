import type { Session } from '../../../src-main/app/session';
import type { MethodInput, MethodName, MethodResults, Result } from '../../../src-main/contract';
import type { TestApp } from './test-app';

/** app.dispatch with the method's input and result types, for tests that read results. */
export const call = <M extends MethodName>(app: TestApp, method: M, input: MethodInput<M>, session: Session) =>
  app.dispatch(method, input, session) as Promise<Result<MethodResults[M]>>;
