import { z } from 'zod';
import { maskCpr, redactCprs } from '../cpr/cpr';
import type { NotificationPort } from '../notifications/notification-port';
import type { FieldDef } from '../contract';
import type { Db } from '../store/database';
import { actingUserOf, type StatusActionType } from './action-type';

const ids = z.array(z.int().min(1)).max(200);
const params = z.strictObject({
  /** Fixed users. */
  userIds: ids.default([]),
  /** Fixed groups: every member at the time the action runs. */
  groupIds: ids.default([]),
  /** User or group fields of the record: whoever they name when the action runs. */
  fieldKeys: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** The text; `{{field_key}}` is replaced by the record's value (CPR masked, names for users and groups). */
  message: z.string().min(1).max(2000),
});
type NotifyParams = z.infer<typeof params>;

const portable = z.strictObject({
  userNames: z.array(z.string()).default([]),
  groupNames: z.array(z.string()).default([]),
  fieldKeys: z.array(z.string()).default([]),
  message: z.string(),
});

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

/** The field keys a template refers to. */
export const placeholders = (template: string): string[] => [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);

/** Fills `{{field_key}}` from the record's values as any view would show them. */
export function renderTemplate(template: string, shown: (key: string) => string): string {
  // Whatever a free-text field holds, a CPR number never reaches an inbox unmasked.
  return redactCprs(template.replace(PLACEHOLDER, (_m, key: string) => shown(key)));
}

function shownValue(db: Db, recordId: number, field: FieldDef | undefined): string {
  if (!field) return '';
  const raw = db.prepare('SELECT value FROM record_values WHERE record_id = ? AND field_id = ?').pluck().get(recordId, field.id) as
    | string
    | undefined;
  if (raw === undefined) return '';
  if (field.type === 'cpr') return maskCpr(raw);
  if (field.type === 'user') return (db.prepare('SELECT name FROM users WHERE id = ?').pluck().get(Number(raw)) as string | undefined) ?? '';
  if (field.type === 'group') return (db.prepare('SELECT name FROM groups WHERE id = ?').pluck().get(Number(raw)) as string | undefined) ?? '';
  return raw;
}

/**
 * Sends a message to people's inboxes when a record enters the status: fixed
 * users, fixed groups, or whoever a user/group field of the record names. Local:
 * the notifications commit with the job's completion, so they arrive exactly once.
 */
export function createNotifyAction(port: NotificationPort): StatusActionType<NotifyParams> {
  return {
    type: 'notify',
    labelKey: 'actionTypes.notify',
    kind: 'local',
    params,
    check(p, ws, dir) {
      if (p.userIds.length + p.groupIds.length + p.fieldKeys.length === 0) return 'choose at least one recipient';
      for (const id of p.userIds) if (dir.userName(id) === null) return `user ${id} does not exist`;
      for (const id of p.groupIds) if (dir.groupName(id) === null) return `group ${id} does not exist`;
      for (const key of p.fieldKeys) {
        const field = ws.fieldsByKey.get(key);
        if (!field || (field.type !== 'user' && field.type !== 'group')) return `"${key}" is not a user or group field`;
      }
      for (const key of placeholders(p.message)) if (!ws.fieldsByKey.has(key)) return `the message names an unknown field "${key}"`;
      return null;
    },
    describe(p, ws, dir, lang) {
      const who = [
        ...p.userIds.map((id) => dir.userName(id) ?? `#${id}`),
        ...p.groupIds.map((id) => dir.groupName(id) ?? `#${id}`),
        ...p.fieldKeys.map((key) => {
          const label = ws.fieldsByKey.get(key)?.label ?? key;
          return lang === 'da' ? `feltet "${label}"` : `field "${label}"`;
        }),
      ].join(', ');
      return lang === 'da' ? `Notifikation til ${who}` : `Notification to ${who}`;
    },
    apply(p, ctx) {
      const record = ctx.db.prepare('SELECT status_id FROM records WHERE id = ?').get(ctx.recordId) as { status_id: number } | undefined;
      const statusName = record ? (ctx.workspace.statusesById.get(record.status_id)?.name ?? '') : '';
      const userIds = [...p.userIds];
      const groupIds = [...p.groupIds];
      for (const key of p.fieldKeys) {
        const field = ctx.workspace.fieldsByKey.get(key);
        if (!field || (field.type !== 'user' && field.type !== 'group')) continue;
        const raw = ctx.db.prepare('SELECT value FROM record_values WHERE record_id = ? AND field_id = ?').pluck().get(ctx.recordId, field.id) as
          | string
          | undefined;
        if (!raw) continue;
        (field.type === 'user' ? userIds : groupIds).push(Number(raw));
      }
      // The caseworker whose status change started this is not told about their own act.
      const actor = actingUserOf(ctx.db, ctx.jobId);
      const text = renderTemplate(p.message, (key) => shownValue(ctx.db, ctx.recordId, ctx.workspace.fieldsByKey.get(key)));
      const sent = port.publish({
        kind: 'status_action',
        recordId: ctx.recordId,
        userIds,
        groupIds,
        actorUserId: actor ?? null,
        message: `Statushandling på '${statusName}': ${text}`,
        params: { status: statusName, text },
      });
      return `notified ${typeof sent === 'number' ? sent : userIds.length} recipient(s)`;
    },
    toPortable(p, dir) {
      return {
        userNames: p.userIds.map((id) => dir.userName(id) ?? ''),
        groupNames: p.groupIds.map((id) => dir.groupName(id) ?? ''),
        fieldKeys: p.fieldKeys,
        message: p.message,
      };
    },
    fromPortable(raw, dir) {
      const p = portable.parse(raw);
      const userIds = p.userNames.map((name) => {
        const id = dir.userIdByName(name);
        if (id === null) throw new Error(`no user named "${name}"`);
        return id;
      });
      const groupIds = p.groupNames.map((name) => {
        const id = dir.groupIdByName(name);
        if (id === null) throw new Error(`no group named "${name}"`);
        return id;
      });
      return params.parse({ userIds, groupIds, fieldKeys: p.fieldKeys, message: p.message });
    },
  };
}
