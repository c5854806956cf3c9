import type { TFunction } from 'i18next';
import type { FieldDef, StatusActionDef } from '../../../../src-main/contract';
import type { Workspace } from '../../../app/workspace-context';
import { formatDate } from '../../../components/format';
import { locale } from '../../../i18n/i18n';

/** A stored field value as the caseworker reads it: Ja/Nej, a person's name, a Danish number or date. */
function readableValue(t: TFunction, field: FieldDef | undefined, value: string, ws: Workspace): string {
  switch (field?.type) {
    case 'yesno':
      return value === 'true' ? t('common.yes') : value === 'false' ? t('common.no') : value;
    case 'user':
      return ws.userById.get(Number(value))?.name ?? value;
    case 'group':
      return ws.groupById.get(Number(value))?.name ?? value;
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? n.toLocaleString(locale()) : value;
    }
    case 'date':
      return formatDate(value);
    default:
      return `»${value}«`;
  }
}

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []);

/** A short readable line for an action's settings in the admin table: names, not ids or JSON. */
export function paramsSummary(t: TFunction, action: StatusActionDef, ws: Workspace): string {
  const p = action.params;
  const fieldKey = typeof p.fieldKey === 'string' ? p.fieldKey : null;
  const field = fieldKey ? ws.fieldByKey.get(fieldKey) : undefined;
  const fieldLabel = field?.label ?? fieldKey ?? '?';
  const status = (id: unknown) => (typeof id === 'number' ? (ws.statusById.get(id)?.name ?? '?') : null);
  switch (action.type) {
    case 'set_field':
      return typeof p.value === 'string'
        ? t('workspaceTools.summary.setField', { field: fieldLabel, value: readableValue(t, field, p.value, ws) })
        : t('workspaceTools.summary.clearField', { field: fieldLabel });
    case 'assign_responsible': {
      const id = typeof p.targetId === 'number' ? p.targetId : -1;
      const who = field?.type === 'group' ? ws.groupById.get(id)?.name : ws.userById.get(id)?.name;
      return t('workspaceTools.summary.assign', { field: fieldLabel, who: who ?? '?' });
    }
    case 'notify': {
      const users = ids(p.userIds).map((id) => ws.userById.get(id)?.name ?? '?');
      const groups = ids(p.groupIds).map((id) => ws.groupById.get(id)?.name ?? '?');
      const fields = (Array.isArray(p.fieldKeys) ? p.fieldKeys : []).map((k) => `[${ws.fieldByKey.get(String(k))?.label ?? String(k)}]`);
      return t('workspaceTools.summary.notify', { who: [...users, ...groups, ...fields].join(', '), message: typeof p.message === 'string' ? p.message : '' });
    }
    case 'send_digital_post': {
      const recipient = p.recipient as { mode?: string; fieldKey?: string } | undefined;
      const to = recipient?.mode === 'field' ? (ws.fieldByKey.get(recipient.fieldKey ?? '')?.label ?? '?') : t('workspaceTools.summary.fixedRecipient');
      const line = t('workspaceTools.summary.digitalPost', { subject: typeof p.subject === 'string' ? p.subject : '', recipient: to });
      const attached = ids(p.attachTemplateIds).length;
      return attached > 0 ? `${line}; ${t('workspaceTools.summary.digitalPostAttachments', { count: attached })}` : line;
    }
    case 'request_signature': {
      const moves = [
        ['signedMoves', status(p.signedStatusId)],
        ['rejectedMoves', status(p.rejectedStatusId)],
        ['expiredMoves', status(p.expiredStatusId)],
      ] as const;
      return [
        t('workspaceTools.summary.signature', { title: typeof p.title === 'string' ? p.title : '' }),
        ...(typeof p.secondCprFieldKey === 'string'
          ? [t('workspaceTools.summary.secondSigner', { field: ws.fieldByKey.get(p.secondCprFieldKey)?.label ?? p.secondCprFieldKey })]
          : []),
        ...moves.flatMap(([key, name]) => (name ? [t(`workspaceTools.summary.${key}`, { status: name })] : [])),
      ].join('; ');
    }
    default:
      // An action type of a newer version: say it has settings rather than show raw JSON.
      return t('workspaceTools.summary.other');
  }
}
