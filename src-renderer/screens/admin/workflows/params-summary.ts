import type { StatusActionDef } from '../../../../src-main/contract';
import type { Workspace } from '../../../app/workspace-context';

/** A short readable line for an action's params in the admin table (ids shown as names). */
export function paramsSummary(action: StatusActionDef, ws: Workspace): string {
  const p = action.params;
  const fieldKey = typeof p.fieldKey === 'string' ? p.fieldKey : null;
  const field = fieldKey ? ws.fieldByKey.get(fieldKey) : undefined;
  const fieldLabel = field?.label ?? fieldKey ?? '?';
  if (action.type === 'set_field') {
    return `${fieldLabel} = ${p.value === null ? '∅' : JSON.stringify(p.value)}`;
  }
  if (action.type === 'assign_responsible' && typeof p.targetId === 'number') {
    const who = field?.type === 'group' ? ws.groupById.get(p.targetId)?.name : ws.userById.get(p.targetId)?.name;
    return `${fieldLabel} ← ${who ?? `#${p.targetId}`}`;
  }
  if (action.type === 'notify') {
    const users = (Array.isArray(p.userIds) ? p.userIds : []).map((id) => ws.userById.get(id as number)?.name ?? `#${String(id)}`);
    const groups = (Array.isArray(p.groupIds) ? p.groupIds : []).map((id) => ws.groupById.get(id as number)?.name ?? `#${String(id)}`);
    const fields = (Array.isArray(p.fieldKeys) ? p.fieldKeys : []).map((k) => `[${ws.fieldByKey.get(k as string)?.label ?? String(k)}]`);
    return `→ ${[...users, ...groups, ...fields].join(', ')}: ${typeof p.message === 'string' ? p.message : ''}`;
  }
  return JSON.stringify(p);
}
