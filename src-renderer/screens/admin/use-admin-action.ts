import { useCallback, useState } from 'react';
import type { AppError, Result } from '../../../src-main/contract';
import { useWorkspace } from '../../app/workspace-context';

export interface AdminAction {
  error: AppError | null;
  busy: boolean;
  /** Runs a change, shows its error if any, and reloads the workspace on success. */
  run: <T>(call: () => Promise<Result<T>>) => Promise<T | null>;
  clear: () => void;
}

/**
 * Every admin edit changes the workspace definition; reloading it right away (rather
 * than only on the workspaceChanged event) keeps the form and the lists in step.
 */
export function useAdminAction(): AdminAction {
  const ws = useWorkspace();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(call: () => Promise<Result<T>>): Promise<T | null> => {
      setBusy(true);
      const result = await call();
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      setError(null);
      await ws.refresh();
      return result.value;
    },
    [ws],
  );
  return { error, busy, run, clear: useCallback(() => setError(null), []) };
}
