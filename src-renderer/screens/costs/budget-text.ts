import type { TFunction } from 'i18next';
import type { AppError, CostChannel } from '../../../src-main/contract';
import { formatMoney } from '../../components/format';
import { locale } from '../../i18n/i18n';
import { fieldErrorText } from '../../i18n/translate-error';

/** `2026-12` → "december 2026" in the reader's language. */
export const monthName = (month: string): string =>
  new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`));

/**
 * The figures of a budget refusal, written at display time from the numbers
 * main sent (øre, `YYYY-MM`), in the reader's language and money format.
 */
export function budgetRefusalTexts(t: TFunction, error: AppError | null): string[] {
  if (error?.code !== 'budget_exceeded') return [];
  return (error.fieldErrors ?? [])
    .filter((fe) => fe.key === 'budget_exceeded')
    .map((fe) => {
      const p = fe.params ?? {};
      const ore = (k: string) => formatMoney(Number(p[k] ?? 0));
      return fieldErrorText(t, {
        key: fe.key,
        params: {
          channelName: t(`costs.channels.${String(p.channel) as CostChannel}`),
          monthName: monthName(String(p.month ?? '')),
          budget: ore('budgetOre'),
          spent: ore('spentOre'),
          committed: ore('committedOre'),
          left: ore('leftOre'),
          cost: ore('costOre'),
        },
      });
    });
}
