import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';
import { checkMonth, refuseInvalidSettings } from '../integration-settings/setting-checks';

/** The open ends of the overview's range (no month given). */
const ALL_FROM = '0000-00';
const ALL_TO = '9999-99';

/** What a cost entry was for. New paid integrations add their kind here. */
export type CostKind = 'digital_post' | 'mitid_login' | 'signature';

export interface CostLine {
  month: string;
  kind: CostKind;
  workflowId: number | null;
  count: number;
  amountOre: number;
}

/**
 * Records what paid services cost, in øre (integers: money is never a float).
 * The idempotency key makes a retried send or a repeated poll record a cost once.
 */
export class CostLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Adds an entry unless one with the same key exists; returns whether it was added. Runs in the caller's transaction when there is one. */
  add(entry: { kind: CostKind; amountOre: number; recordId: number | null; description: string; idempotencyKey: string }): boolean {
    const at = isoAt(this.clock.now());
    const workflowId =
      entry.recordId === null
        ? null
        : ((this.db.prepare('SELECT workflow_id FROM records WHERE id = ?').pluck().get(entry.recordId) as number | undefined) ?? null);
    const info = this.db
      .prepare(
        `INSERT INTO cost_entries (at, month, kind, record_id, workflow_id, amount_ore, description, idempotency_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      )
      .run(at, at.slice(0, 7), entry.kind, entry.recordId, workflowId, Math.round(entry.amountOre), entry.description, entry.idempotencyKey);
    return info.changes === 1;
  }

  /** Totals per month, kind and workflow, newest month first. */
  overview(fromMonth = ALL_FROM, toMonth = ALL_TO): CostLine[] {
    // A month typed into the overview's range must be a real one ("2026-13" would silently match nothing).
    refuseInvalidSettings([fromMonth === ALL_FROM ? null : checkMonth('fromMonth', fromMonth), toMonth === ALL_TO ? null : checkMonth('toMonth', toMonth)]);
    const rows = this.db
      .prepare(
        `SELECT month, kind, workflow_id, count(*) AS n, sum(amount_ore) AS total FROM cost_entries
         WHERE month BETWEEN ? AND ? GROUP BY month, kind, workflow_id ORDER BY month DESC, kind, workflow_id`,
      )
      .all(fromMonth, toMonth) as { month: string; kind: CostKind; workflow_id: number | null; n: number; total: number }[];
    return rows.map((r) => ({ month: r.month, kind: r.kind, workflowId: r.workflow_id, count: r.n, amountOre: r.total }));
  }

  forRecord(recordId: number): { at: string; kind: CostKind; amountOre: number; description: string }[] {
    return (
      this.db
        .prepare('SELECT at, kind, amount_ore, description FROM cost_entries WHERE record_id = ? ORDER BY id')
        .all(recordId) as { at: string; kind: CostKind; amount_ore: number; description: string }[]
    ).map((r) => ({ at: r.at, kind: r.kind, amountOre: r.amount_ore, description: r.description }));
  }
}
