import { z } from 'zod';
import type { StatusActionType } from './action-type';

const params = z.strictObject({
  fieldKey: z.string().min(1).max(64),
  targetId: z.int().min(1),
});
type AssignParams = z.infer<typeof params>;

const portable = z.strictObject({ fieldKey: z.string(), targetName: z.string() });

/** Makes a user or group responsible by writing it into a user or group field. */
export const assignResponsibleAction: StatusActionType<AssignParams> = {
  type: 'assign_responsible',
  labelKey: 'actionTypes.assign_responsible',
  kind: 'local',
  params,
  check(p, ws, dir) {
    const field = ws.fieldsByKey.get(p.fieldKey);
    if (!field || (field.type !== 'user' && field.type !== 'group')) return `"${p.fieldKey}" is not a user or group field`;
    const name = field.type === 'user' ? dir.userName(p.targetId) : dir.groupName(p.targetId);
    return name === null ? `${field.type} ${p.targetId} does not exist` : null;
  },
  describe(p, ws, dir, lang) {
    const field = ws.fieldsByKey.get(p.fieldKey);
    const label = field?.label ?? p.fieldKey;
    const who = (field?.type === 'group' ? dir.groupName(p.targetId) : dir.userName(p.targetId)) ?? `#${p.targetId}`;
    return lang === 'da' ? `"${who}" bliver ansvarlig i feltet "${label}"` : `"${who}" becomes responsible in field "${label}"`;
  },
  apply(p, ctx) {
    ctx.setValues({ [p.fieldKey]: String(p.targetId) }, 'status action');
    return `${p.fieldKey} assigned to ${p.targetId}`;
  },
  toPortable(p, dir, ws) {
    const isGroup = ws.fieldsByKey.get(p.fieldKey)?.type === 'group';
    return { fieldKey: p.fieldKey, targetName: (isGroup ? dir.groupName(p.targetId) : dir.userName(p.targetId)) ?? '' };
  },
  fromPortable(raw, dir, ws) {
    const p = portable.parse(raw);
    const isGroup = ws.fieldsByKey.get(p.fieldKey)?.type === 'group';
    const targetId = isGroup ? dir.groupIdByName(p.targetName) : dir.userIdByName(p.targetName);
    if (targetId === null) throw new Error(`no ${isGroup ? 'group' : 'user'} named "${p.targetName}"`);
    return { fieldKey: p.fieldKey, targetId };
  },
};
