// The one budget guard: what fits, the Danish sentence with the figures, the
// refusal's field errors, and what a status change's actions would cost.
import { describe, expect, it } from 'vitest';
import type { StatusActionDef } from '../../src-main/contract';
import { assertWithinBudget, budgetSentence, ESTIMATED_LETTER_BYTES, fitsBudget, statusActionCosts } from '../../src-main/costs/budget-guard';
import type { ChannelMonth } from '../../src-main/costs/budgets';
import type { CostKind } from '../../src-main/costs/cost-ledger';
import { priceOre } from '../../src-main/digital-post/settings';
import { DomainError } from '../../src-main/shared/domain-error';

const month = (kind: CostKind, budgetOre: number | null, spentOre: number, committedOre: number): ChannelMonth => ({
  kind,
  month: '2026-12',
  budgetOre,
  spentOre,
  committedOre,
  leftOre: budgetOre === null ? null : budgetOre - spentOre - committedOre,
});
const budgets = (...months: ChannelMonth[]) => ({ status: (kind: CostKind) => months.find((m) => m.kind === kind) ?? month(kind, null, 0, 0) });
const PRICES = { perMessageOre: 19, perMbOre: 85, capOre: 675, capBelowMb: 10 };

describe('budget guard', () => {
  it('writes the figures in Danish, as the caseworker reads them', () => {
    expect(budgetSentence(month('digital_post', 500_000, 420_000, 30_000), 90_000, 'da')).toBe(
      'Budgettet for Digital Post i december 2026 er 5.000,00 kr.; brugt 4.200,00 kr., reserveret 300,00 kr., tilbage 500,00 kr.; denne udsendelse koster 900,00 kr.',
    );
    expect(budgetSentence(month('signature', 100_000, 0, 0), 800, 'en')).toBe(
      'The signatures budget for December 2026 is DKK 1,000.00; spent DKK 0.00, committed DKK 0.00, left DKK 1,000.00; this costs DKK 8.00.',
    );
  });

  it('lets through what fits exactly, anything without a budget, and anything free', () => {
    expect(fitsBudget(month('digital_post', 1000, 400, 100), 500)).toBe(true);
    expect(fitsBudget(month('digital_post', 1000, 400, 100), 501)).toBe(false);
    expect(fitsBudget(month('digital_post', null, 10 ** 9, 10 ** 9), 10 ** 9)).toBe(true);
    expect(fitsBudget(month('digital_post', 0, 100, 0), 0)).toBe(true);
  });

  it('refuses with budget_exceeded, the sentence as message and the figures in øre as field errors', () => {
    const b = budgets(month('digital_post', 500_000, 420_000, 30_000));
    let caught: unknown;
    try {
      assertWithinBudget(b, [{ kind: 'digital_post', costOre: 50_000 }, { kind: 'digital_post', costOre: 40_000 }, { kind: 'mitid_login', costOre: 10 ** 9 }], 'da');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const e = caught as DomainError;
    expect(e.code).toBe('budget_exceeded');
    // The two letters are added up; MitID has no budget here and passes.
    expect(e.message).toContain('denne udsendelse koster 900,00 kr.');
    expect(e.fieldErrors).toEqual([
      {
        field: 'budget.digital_post',
        key: 'budget_exceeded',
        params: { channel: 'digital_post', month: '2026-12', budgetOre: 500_000, spentOre: 420_000, committedOre: 30_000, leftOre: 50_000, costOre: 90_000 },
      },
    ]);
    expect(() => assertWithinBudget(b, [{ kind: 'digital_post', costOre: 50_000 }], 'da')).not.toThrow();
  });

  it('prices a status change by its enter actions: a letter per Digital Post action, an order and its letters per signature action', () => {
    const action = (id: number, type: string, params: Record<string, unknown> = {}, extra: Partial<StatusActionDef> = {}): StatusActionDef => ({
      id,
      statusId: 1,
      type,
      name: type,
      params,
      enabled: true,
      sortOrder: id,
      ...extra,
    });
    const letter = priceOre(ESTIMATED_LETTER_BYTES, PRICES);
    const costs = statusActionCosts(
      [
        action(1, 'send_digital_post'),
        action(2, 'request_signature', { secondCprFieldKey: 'medansoeger_cpr' }),
        action(3, 'send_digital_post', {}, { enabled: false }),
        action(4, 'send_digital_post', {}, { timing: { trigger: 'leave' } as StatusActionDef['timing'] & object }),
        action(5, 'set_field'),
      ],
      { digitalPost: () => PRICES, signatureOre: () => 800 },
    );
    expect(costs).toEqual([
      { kind: 'digital_post', costOre: letter },
      { kind: 'signature', costOre: 800 },
      { kind: 'digital_post', costOre: 2 * letter },
    ]);
  });
});
