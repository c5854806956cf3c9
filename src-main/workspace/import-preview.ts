import type { WorkspaceImportChange, WorkspaceImportPreview } from '../contract';
import type { WorkspaceFile } from './workspace-file';

/** JSON with its object keys sorted, so two equal definitions compare equal whatever wrote them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * What importing `file` changes in the workspace whose current definition is
 * `current`, item by item as the import matches them (fields by key, the rest
 * by name or title). Existing users and groups are never changed by an import,
 * so only new ones are listed; nothing is ever deleted.
 */
export function diffWorkspaceFiles(current: WorkspaceFile, file: WorkspaceFile): WorkspaceImportPreview {
  const changes: WorkspaceImportChange[] = [];
  let unchanged = 0;
  const compare = <T>(kind: WorkspaceImportChange['kind'], mine: T[], theirs: T[] | undefined, name: (item: T) => string, updates = true) => {
    const here = new Map(mine.map((item) => [name(item), canonical(item)]));
    for (const item of theirs ?? []) {
      const existing = here.get(name(item));
      if (existing === undefined) changes.push({ kind, name: name(item), change: 'new' });
      else if (updates && existing !== canonical(item)) changes.push({ kind, name: name(item), change: 'changed' });
      else unchanged += 1;
    }
  };
  compare('group', current.groups, file.groups, (g) => g.name, false);
  compare('user', current.users, file.users, (u) => u.name, false);
  compare('field', current.fields, file.fields, (f) => f.key);
  compare('template', current.documentTemplates ?? [], file.documentTemplates, (t) => t.name);
  compare('workflow', current.workflows, file.workflows, (w) => w.name);
  compare('questionnaire', current.questionnaires ?? [], file.questionnaires, (q) => q.title);
  const settings = (f: WorkspaceFile) => Object.entries(f.integrationSettings ?? {}).map(([key, value]) => ({ key, value }));
  compare('settings', settings(current), file.integrationSettings ? settings(file) : undefined, (s) => s.key);
  return { changes, unchanged };
}
