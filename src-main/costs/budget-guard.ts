import type { Language, StatusActionDef } from '../contract';
import { priceOre } from '../digital-post/settings';
import { formatKroner } from '../shared/danish-formats';
import { DomainError } from '../shared/domain-error';
import type { BudgetPrices, Budgets, ChannelMonth } from './budgets';
import type { CostKind } from './cost-ledger';

/** What something about to go out will cost on one channel. */
export interface ProjectedCost {
  kind: CostKind;
  costOre: number;
}

/**
 * The size assumed for a status action's letter before it is rendered: a
 * one-page PDF in a MeMo message is some 10–40 KiB, so 64 KiB errs on the
 * high side (at the default prices both cost the per-message 0,19 kr. plus 0,06 kr.).
 */
export const ESTIMATED_LETTER_BYTES = 64 * 1024;

const CHANNEL_NAMES: Record<Language, Record<CostKind, string>> = {
  da: { digital_post: 'Digital Post', mitid_login: 'MitID', signature: 'underskrifter' },
  en: { digital_post: 'Digital Post', mitid_login: 'MitID', signature: 'signatures' },
};

const monthName = (month: string, lang: Language): string =>
  new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`));

/** "Budgettet for Digital Post i december 2026 er 5.000,00 kr.; brugt …; denne udsendelse koster 900,00 kr." */
export function budgetSentence(s: ChannelMonth, costOre: number, lang: Language): string {
  const kr = (ore: number) => (lang === 'da' ? `${formatKroner(ore, 'da')} kr.` : `DKK ${formatKroner(ore, 'en')}`);
  const channel = CHANNEL_NAMES[lang][s.kind];
  const budget = s.budgetOre ?? 0;
  const left = s.leftOre ?? 0;
  return lang === 'da'
    ? `Budgettet for ${channel} i ${monthName(s.month, lang)} er ${kr(budget)}; brugt ${kr(s.spentOre)}, reserveret ${kr(s.committedOre)}, tilbage ${kr(left)}; denne udsendelse koster ${kr(costOre)}`
    : `The ${channel} budget for ${monthName(s.month, lang)} is ${kr(budget)}; spent ${kr(s.spentOre)}, committed ${kr(s.committedOre)}, left ${kr(left)}; this costs ${kr(costOre)}.`;
}

/** True when `costOre` fits in what is left (no budget = no limit; something free always fits). */
export const fitsBudget = (s: ChannelMonth, costOre: number): boolean => s.leftOre === null || costOre <= 0 || costOre <= s.leftOre;

/**
 * The one budget check: called before anything goes out (a mailing's send,
 * a letter sent from a record, a status change whose actions cost money).
 * Throws `budget_exceeded` with the figures in the caseworker's language, and
 * as field errors (in øre) so the screen can write them itself.
 */
export function assertWithinBudget(budgets: Pick<Budgets, 'status'>, costs: readonly ProjectedCost[], lang: Language): void {
  const perKind = new Map<CostKind, number>();
  for (const c of costs) perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + c.costOre);
  const over = [...perKind].map(([kind, costOre]) => ({ status: budgets.status(kind), costOre })).filter((x) => !fitsBudget(x.status, x.costOre));
  if (over.length === 0) return;
  throw new DomainError(
    'budget_exceeded',
    over.map((x) => budgetSentence(x.status, x.costOre, lang)).join(' '),
    over.map(({ status: s, costOre }) => ({
      field: `budget.${s.kind}`,
      key: 'budget_exceeded',
      params: { channel: s.kind, month: s.month, budgetOre: s.budgetOre ?? 0, spentOre: s.spentOre, committedOre: s.committedOre, leftOre: s.leftOre ?? 0, costOre },
    })),
  );
}

/**
 * What the status actions a record enters would cost before they run: a
 * Digital Post action one letter (estimated size), a signature action one
 * signing order plus the letter that carries its link (two of each with a second signatory).
 */
export function statusActionCosts(actions: readonly StatusActionDef[], prices: BudgetPrices): ProjectedCost[] {
  const letter = priceOre(ESTIMATED_LETTER_BYTES, prices.digitalPost());
  const out: ProjectedCost[] = [];
  for (const a of actions) {
    if (!a.enabled || (a.timing?.trigger ?? 'enter') !== 'enter') continue;
    if (a.type === 'send_digital_post') out.push({ kind: 'digital_post', costOre: letter });
    if (a.type === 'request_signature') {
      const signers = typeof (a.params as { secondCprFieldKey?: unknown }).secondCprFieldKey === 'string' ? 2 : 1;
      out.push({ kind: 'signature', costOre: prices.signatureOre() }, { kind: 'digital_post', costOre: letter * signers });
    }
  }
  return out;
}
