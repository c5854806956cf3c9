import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../src-main/contract';
import type { Workspace } from '../../app/workspace-context';
import { i18n } from '../../i18n/i18n';
import { formatStoredNumber } from '../../components/format';

const dynamicT = (t: TFunction): ((key: string) => string) => t as unknown as (key: string) => string;

/** `record.fields_changed` → the catalogue's `auditActions.record_fields_changed` (dots are key separators). */
export function auditActionLabel(t: TFunction, action: string): string {
  const key = `auditActions.${action.replace(/\./g, '_')}`;
  return i18n.exists(key) ? dynamicT(t)(key) : action;
}

function viaText(t: TFunction, via: unknown): string | null {
  if (typeof via !== 'string' || via === '') return null;
  const key = `auditVia.${via}`;
  return i18n.exists(key) ? dynamicT(t)(key) : via;
}

/** A stored value as a caseworker reads it: ids of users and groups become names. */
function shownValue(ws: Workspace, fieldKey: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = String(value);
  const field = ws.fieldByKey.get(fieldKey);
  if (field?.type === 'user') return ws.userById.get(Number(text))?.name ?? text;
  if (field?.type === 'group') return ws.groupById.get(Number(text))?.name ?? text;
  if (field?.type === 'number') return formatStoredNumber(text);
  return text;
}

/**
 * Readable details for the audit events main writes today; unknown events (from
 * later features) fall back to key: value pairs. CPR numbers arrive masked.
 */
export function auditDetailText(t: TFunction, ws: Workspace, entry: AuditEntry): string {
  const d = entry.details;
  const parts: string[] = [];
  switch (entry.action) {
    case 'record.fields_changed':
      if (Array.isArray(d.changes)) {
        for (const c of d.changes as { field?: unknown; from?: unknown; to?: unknown }[]) {
          const key = typeof c.field === 'string' ? c.field : '?';
          const label = ws.fieldByKey.get(key)?.label ?? key;
          parts.push(`${label}: ${shownValue(ws, key, c.from)} → ${shownValue(ws, key, c.to)}`);
        }
      }
      break;
    case 'record.status_changed':
      parts.push(
        `${ws.statusById.get(Number(d.from))?.name ?? String(d.from)} → ${ws.statusById.get(Number(d.to))?.name ?? String(d.to)}`,
      );
      break;
    case 'record.cpr_revealed':
      if (typeof d.field === 'string') parts.push(ws.fieldByKey.get(d.field)?.label ?? d.field);
      break;
    case 'record.created':
      break;
    default:
      for (const [k, v] of Object.entries(d)) if (k !== 'via') parts.push(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  const via = viaText(t, d.via);
  if (via) parts.push(`(${via})`);
  return parts.join(' · ');
}
