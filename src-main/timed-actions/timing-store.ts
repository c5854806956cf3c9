import type { ActionTiming, DelayBasis } from '../contract';
import { ACTION_TRIGGERS, DELAY_BASES, DEFAULT_TIMING } from '../contract';
import { DomainError } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';

/** The timing columns of a status_actions row (migration 005). */
export interface TimingColumns {
  trigger: string;
  delay_ms: number;
  delay_from: string;
  delay_field_id: number | null;
}

export function timingFromRow(row: TimingColumns): ActionTiming {
  const trigger = (ACTION_TRIGGERS as readonly string[]).includes(row.trigger) ? (row.trigger as ActionTiming['trigger']) : 'enter';
  const delayFrom = (DELAY_BASES as readonly string[]).includes(row.delay_from) ? (row.delay_from as DelayBasis) : 'entered';
  return { trigger, delayMs: row.delay_ms ?? 0, delayFrom, delayFieldId: row.delay_field_id ?? null };
}

/** Refuses a timing that cannot work: a date basis needs a date field; the others need none. */
export function checkTiming(ws: WorkspaceSnapshot, timing: ActionTiming): ActionTiming {
  if (timing.trigger !== 'delay') return { ...DEFAULT_TIMING, trigger: timing.trigger };
  if (timing.delayMs < 0 && timing.delayFrom !== 'field') {
    throw new DomainError('invalid_input', 'only a delay counted from a date field can fall before it');
  }
  if (timing.delayFrom !== 'field') return { ...timing, delayFieldId: null };
  const field = ws.fields.find((f) => f.id === timing.delayFieldId);
  if (!field || field.type !== 'date') {
    throw new DomainError('invalid_input', 'a delay counted from a field needs a date field');
  }
  return timing;
}

/** Writes a timing already passed through checkTiming. */
export function writeTiming(db: Db, actionId: number, timing: ActionTiming): void {
  db.prepare('UPDATE status_actions SET trigger = ?, delay_ms = ?, delay_from = ?, delay_field_id = ? WHERE id = ?').run(
    timing.trigger,
    timing.delayMs,
    timing.delayFrom,
    timing.delayFieldId,
    actionId,
  );
}

export function guardsByTransition(db: Db): Map<number, string[]> {
  const map = new Map<number, string[]>();
  const rows = db.prepare('SELECT transition_id, type FROM transition_guards ORDER BY transition_id, type').all() as {
    transition_id: number;
    type: string;
  }[];
  for (const r of rows) {
    const list = map.get(r.transition_id) ?? [];
    list.push(r.type);
    map.set(r.transition_id, list);
  }
  return map;
}

export function writeGuards(db: Db, transitionId: number, guards: readonly string[]): void {
  db.prepare('DELETE FROM transition_guards WHERE transition_id = ?').run(transitionId);
  const insert = db.prepare('INSERT OR IGNORE INTO transition_guards (transition_id, type) VALUES (?, ?)');
  for (const g of guards) insert.run(transitionId, g);
}
