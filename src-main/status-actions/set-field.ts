import { z } from 'zod';
import type { StatusActionType } from './action-type';

const params = z.strictObject({
  fieldKey: z.string().min(1).max(64),
  value: z.string().max(20_000).nullable(),
});
type SetFieldParams = z.infer<typeof params>;

/** Sets a record field to a fixed value (or clears it) when the record enters the status. */
export const setFieldAction: StatusActionType<SetFieldParams> = {
  type: 'set_field',
  labelKey: 'actionTypes.set_field',
  kind: 'local',
  params,
  check(p, ws) {
    const field = ws.fieldsByKey.get(p.fieldKey);
    if (!field) return `unknown field "${p.fieldKey}"`;
    if (field.type === 'cpr') return 'a status action may not set a CPR field to a fixed value';
    return null;
  },
  describe(p, ws, dir, lang) {
    const field = ws.fieldsByKey.get(p.fieldKey);
    const label = field?.label ?? p.fieldKey;
    let shown = p.value ?? '';
    if (field?.type === 'user' && p.value) shown = dir.userName(Number(p.value)) ?? p.value;
    if (field?.type === 'group' && p.value) shown = dir.groupName(Number(p.value)) ?? p.value;
    if (p.value === null || p.value === '') return lang === 'da' ? `Feltet "${label}" ryddes` : `Field "${label}" is cleared`;
    return lang === 'da' ? `Feltet "${label}" sættes til "${shown}"` : `Field "${label}" is set to "${shown}"`;
  },
  apply(p, ctx) {
    ctx.setValues({ [p.fieldKey]: p.value }, 'status action');
    return `field ${p.fieldKey} set`;
  },
  toPortable: (p) => ({ ...p }),
  fromPortable: (portable) => params.parse(portable),
};
