import { writeAudit } from '../audit/audit-log';
import type { DigitalPostSettings } from '../digital-post/settings';
import { priceOre } from '../digital-post/settings';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { CostKind } from './cost-ledger';

/** The paid channels a monthly budget can be set for, in the order the screens show them. */
export const BUDGET_CHANNELS: readonly CostKind[] = ['digital_post', 'mitid_login', 'signature'];

/** The largest budget that can be set: 100 million kroner, far above any municipality's month. */
export const MAX_BUDGET_ORE = 10_000_000_000;

/** One channel's month: the budget (null = no limit), what is spent, what is committed, and what is left. */
export interface ChannelMonth {
  kind: CostKind;
  /** `YYYY-MM`, the month the cost ledger books by (UTC, like its entries). */
  month: string;
  budgetOre: number | null;
  spentOre: number;
  /** Queued but not yet charged: letters in the outbox, open signing requests. */
  committedOre: number;
  /** budget − spent − committed; null when there is no budget. May be negative. */
  leftOre: number | null;
}

export interface BudgetPrices {
  digitalPost: () => DigitalPostSettings['prices'];
  /** Price of one completed signing order, in øre. */
  signatureOre: () => number;
}

/** Signing requests that may still be charged (the worker books the price when an order completes). */
const OPEN_SIGNING = "state NOT IN ('completed', 'rejected', 'expired', 'cancelled', 'failed', 'signature_invalid')";
/** Letters the access point has not yet charged for (the sender books the price on acceptance or a receipt). */
const UNCHARGED_LETTERS = `state IN ('queued', 'sending', 'awaiting_receipt')
  AND NOT EXISTS (SELECT 1 FROM cost_entries c WHERE c.idempotency_key = digital_post_messages.message_uuid)`;

/**
 * Monthly budgets per paid channel, set by the administrator (cost_budgets;
 * no row = no limit), and each channel's month: spent from the cost ledger,
 * committed from what is queued but not yet charged.
 */
export class Budgets {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly prices: BudgetPrices,
  ) {}

  currentMonth(): string {
    return isoAt(this.clock.now()).slice(0, 7);
  }

  /** Sets (or, with null, removes) a channel's monthly budget; audited with the old and new amount. */
  set(kind: CostKind, monthlyOre: number | null, userId: number | null): ChannelMonth {
    if (!BUDGET_CHANNELS.includes(kind)) throw new DomainError('invalid_input', `unknown channel ${kind}`, [{ field: 'kind', key: 'budget_kind' }]);
    if (monthlyOre !== null && (!Number.isSafeInteger(monthlyOre) || monthlyOre < 0 || monthlyOre > MAX_BUDGET_ORE)) {
      throw new DomainError('validation_failed', 'a budget is a whole number of øre from 0 to 100 million kroner', [{ field: 'monthlyOre', key: 'budget_amount' }]);
    }
    const at = isoAt(this.clock.now());
    this.db
      .transaction(() => {
        const before = this.budgetOre(kind);
        if (monthlyOre === null) this.db.prepare('DELETE FROM cost_budgets WHERE kind = ?').run(kind);
        else {
          this.db
            .prepare(
              `INSERT INTO cost_budgets (kind, monthly_ore, updated_at, updated_by) VALUES (?, ?, ?, ?)
               ON CONFLICT (kind) DO UPDATE SET monthly_ore = excluded.monthly_ore, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            )
            .run(kind, monthlyOre, at, userId);
        }
        writeAudit(this.db, { at, userId, recordId: null, action: 'costs.budget_changed', details: { channel: kind, fromOre: before, toOre: monthlyOre } });
      })
      .immediate();
    return this.status(kind);
  }

  budgetOre(kind: CostKind): number | null {
    return (this.db.prepare('SELECT monthly_ore FROM cost_budgets WHERE kind = ?').pluck().get(kind) as number | undefined) ?? null;
  }

  /** This month's figures for one channel. */
  status(kind: CostKind): ChannelMonth {
    const month = this.currentMonth();
    const budgetOre = this.budgetOre(kind);
    const spentOre = this.db.prepare('SELECT coalesce(sum(amount_ore), 0) FROM cost_entries WHERE month = ? AND kind = ?').pluck().get(month, kind) as number;
    const committedOre = this.committedOre(kind);
    return { kind, month, budgetOre, spentOre, committedOre, leftOre: budgetOre === null ? null : budgetOre - spentOre - committedOre };
  }

  overview(): ChannelMonth[] {
    return BUDGET_CHANNELS.map((k) => this.status(k));
  }

  private committedOre(kind: CostKind): number {
    if (kind === 'digital_post') {
      const prices = this.prices.digitalPost();
      const sizes = this.db
        .prepare(`SELECT memo_bytes AS bytes, count(*) AS n FROM digital_post_messages WHERE ${UNCHARGED_LETTERS} GROUP BY memo_bytes`)
        .all() as { bytes: number; n: number }[];
      return sizes.reduce((sum, s) => sum + priceOre(s.bytes, prices) * s.n, 0);
    }
    if (kind === 'signature') {
      const open = this.db.prepare(`SELECT count(*) FROM signing_requests WHERE ${OPEN_SIGNING}`).pluck().get() as number;
      return open * this.prices.signatureOre();
    }
    // A MitID login is charged when it happens: nothing waits.
    return 0;
  }
}
