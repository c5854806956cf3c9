import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, ChannelMonthView, CostChannel } from '../../../src-main/contract';
import { parseNumber } from '../../../src-main/shared/danish-formats';
import { useApi } from '../../api/api-context';
import { useAppSession } from '../../app/app-context';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { formatMoney } from '../../components/format';
import { monthName } from './budget-text';

/** Kroner as typed (`5.000,00`, `5000`) → øre; null for an empty field (no budget); undefined when it is not an amount. */
function oreFromText(text: string): number | null | undefined {
  if (!text.trim()) return null;
  const parsed = parseNumber(text);
  if (parsed === null || parsed.startsWith('-')) return undefined;
  const ore = Math.round(Number(parsed) * 100);
  return Number.isSafeInteger(ore) ? ore : undefined;
}

/** This month per paid channel: budget, spent, committed, left; the administrator sets the budgets here. */
export function CostsScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useAppSession();
  const [rows, setRows] = useState<ChannelMonthView[]>([]);
  const [drafts, setDrafts] = useState<Partial<Record<CostChannel, string>>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [invalid, setInvalid] = useState<CostChannel | null>(null);
  const [saved, setSaved] = useState<CostChannel | null>(null);

  const load = useCallback(async () => {
    const r = await api.getBudgetOverview({});
    if (r.ok) setRows(r.value);
    else setError(r.error);
  }, [api]);
  useEffect(() => void load(), [load]);

  const save = async (kind: CostChannel) => {
    const monthlyOre = oreFromText(drafts[kind] ?? '');
    setSaved(null);
    if (monthlyOre === undefined) {
      setInvalid(kind);
      return;
    }
    setInvalid(null);
    const r = await api.saveCostBudget({ kind, monthlyOre });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setSaved(kind);
    setDrafts((d) => ({ ...d, [kind]: undefined }));
    await load();
  };

  const month = rows[0]?.month;
  return (
    <section className="admin-section" aria-labelledby="costs-title">
      <h1 id="costs-title">{t('costs.title')}</h1>
      <p className="hint">{t('costs.intro')}</p>
      {month && <p data-testid="costs-month">{t('costs.month', { month: monthName(month) })}</p>}
      <ErrorBanner error={error} />
      <table className="data-table" data-testid="budget-overview">
        <thead>
          <tr>
            <th scope="col">{t('costs.channel')}</th>
            <th scope="col">{t('costs.budget')}</th>
            <th scope="col">{t('costs.spent')}</th>
            <th scope="col">{t('costs.committed')}</th>
            <th scope="col">{t('costs.left')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.kind} data-testid={`budget-${r.kind}`}>
              <th scope="row">{t(`costs.channels.${r.kind}`)}</th>
              <td>{r.budgetOre === null ? t('costs.noBudget') : formatMoney(r.budgetOre)}</td>
              <td>{formatMoney(r.spentOre)}</td>
              <td>{formatMoney(r.committedOre)}</td>
              <td>{r.leftOre === null ? t('costs.noLimit') : formatMoney(r.leftOre)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {user.isAdmin &&
        rows.map((r) => {
          const inputId = `budget-input-${r.kind}`;
          const current = r.budgetOre === null ? '' : formatMoney(r.budgetOre).replace(/ kr\.$/, '');
          return (
            <form
              key={r.kind}
              className="panel admin-form"
              aria-label={t(`costs.channels.${r.kind}`)}
              onSubmit={(e) => {
                e.preventDefault();
                void save(r.kind);
              }}
            >
              <label htmlFor={inputId}>{t('costs.edit', { channel: t(`costs.channels.${r.kind}`) })}</label>
              <input
                id={inputId}
                inputMode="decimal"
                value={drafts[r.kind] ?? current}
                aria-invalid={invalid === r.kind}
                aria-describedby={`${inputId}-hint`}
                onChange={(e) => setDrafts((d) => ({ ...d, [r.kind]: e.target.value }))}
              />
              <p id={`${inputId}-hint`} className="muted">
                {invalid === r.kind ? t('costs.invalidAmount') : t('costs.editHint')}
              </p>
              <button type="submit" className="btn">
                {t('costs.save')}
              </button>
              {saved === r.kind && <Notice>{t('costs.saved')}</Notice>}
            </form>
          );
        })}
    </section>
  );
}
