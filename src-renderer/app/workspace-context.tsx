import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type {
  AppError,
  FieldDef,
  GroupView,
  StatusDef,
  UserView,
  WorkflowDef,
  WorkspaceView,
} from '../../src-main/contract';
import { useApi, useApiEvent } from '../api/api-context';

/** The workspace definition with lookups every screen needs. */
export interface Workspace {
  view: WorkspaceView;
  /** Fields in the admin's chosen order. */
  fields: FieldDef[];
  fieldByKey: Map<string, FieldDef>;
  workflowById: Map<number, WorkflowDef>;
  statusById: Map<number, StatusDef>;
  userById: Map<number, UserView>;
  groupById: Map<number, GroupView>;
  refresh: () => Promise<void>;
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside WorkspaceProvider');
  return ws;
}

function index(view: WorkspaceView, refresh: () => Promise<void>): Workspace {
  const fields = [...view.fields].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const statuses = view.workflows.flatMap((w) => w.statuses);
  return {
    view,
    fields,
    fieldByKey: new Map(fields.map((f) => [f.key, f])),
    workflowById: new Map(view.workflows.map((w) => [w.id, w])),
    statusById: new Map(statuses.map((s) => [s.id, s])),
    userById: new Map(view.users.map((u) => [u.id, u])),
    groupById: new Map(view.groups.map((g) => [g.id, g])),
    refresh,
  };
}

interface Props {
  children: ReactNode;
  /** Rendered until the first load finishes or when it fails. */
  fallback: (error: AppError | null, retry: () => void) => ReactNode;
}

/** Loads the workspace once and again whenever main says it changed (an admin saved something). */
export function WorkspaceProvider({ children, fallback }: Props): ReactNode {
  const api = useApi();
  const [view, setView] = useState<WorkspaceView | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = useCallback(async () => {
    const result = await api.getWorkspace({});
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useApiEvent('workspaceChanged', () => void refresh());

  const ws = useMemo(() => (view ? index(view, refresh) : null), [view, refresh]);
  if (!ws) return fallback(error, () => void refresh());
  return <WorkspaceContext.Provider value={ws}>{children}</WorkspaceContext.Provider>;
}
