import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, MailingSendSummary, MailingView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMoney } from '../../components/format';

/**
 * The decision: how many letters go to how many citizens, which go by
 * physical post and why, the projected cost and the month's budget. The
 * confirmation carries the summary's fingerprint; when main says the figures
 * changed, the dialog fetches them again and shows the new ones.
 */
export function SendMailingDialog({ mailingId, onClose, onSent }: { mailingId: number; onClose: () => void; onSent: (m: MailingView) => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [summary, setSummary] = useState<MailingSendSummary | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await api.getMailingSendSummary({ id: mailingId });
    if (r.ok) setSummary(r.value);
    else setError(r.error);
  }, [api, mailingId]);
  useEffect(() => void load(), [load]);

  const send = async () => {
    if (!summary) return;
    setBusy(true);
    const r = await api.sendMailing({ id: mailingId, confirmation: summary.fingerprint });
    setBusy(false);
    if (r.ok) {
      onSent(r.value);
      return;
    }
    setError(r.error);
    // Show what is true now, so the next click decides on the right figures.
    if (r.error.code === 'figures_changed' || r.error.code === 'budget_exceeded') await load();
  };

  const s = summary;
  const hidden = s ? s.physical - s.physicalRecipients.length : 0;
  return (
    <Dialog title={s ? t('mailingSend.title', { letters: s.letters, citizens: s.citizens }) : t('app.loading')} onClose={onClose} testId="send-mailing-dialog">
      {s && (
        <div className="dialog-body">
          <p data-testid="send-digital">{t('mailingSend.byDigitalPost', { count: s.digital })}</p>
          {s.physical === 0 ? (
            <p data-testid="send-physical">{t('mailingSend.noPhysicalPost')}</p>
          ) : (
            <div data-testid="send-physical">
              <p>{t('mailingSend.byPhysicalPost', { count: s.physical })}</p>
              <ul>
                {s.physicalRecipients.map((p) => (
                  <li key={p.recordId}>{t('mailingSend.physicalRow', { number: p.recordNumber, reason: t(`mailingSend.reason.${p.reason}`) })}</li>
                ))}
              </ul>
              {hidden > 0 && <p className="muted">{t('mailingSend.morePhysical', { count: hidden })}</p>}
            </div>
          )}
          {s.skipped > 0 && <p className="muted">{t('mailingSend.skipped', { count: s.skipped })}</p>}
          <p data-testid="send-cost">{t('mailingSend.cost', { amount: formatMoney(s.costOre) })}</p>
          <p data-testid="send-budget">
            {s.budget.budgetOre === null
              ? t('mailingSend.noBudget')
              : t('mailingSend.budget', {
                  budget: formatMoney(s.budget.budgetOre),
                  spent: formatMoney(s.budget.spentOre),
                  committed: formatMoney(s.budget.committedOre),
                  left: formatMoney(s.budget.leftOre ?? 0),
                })}
          </p>
          {!s.withinBudget && <p className="banner banner-warn">{t('mailingSend.overBudget')}</p>}
        </div>
      )}
      <ErrorBanner error={error}>{error?.code === 'not_allowed' && <p>{t('mailingSend.noPermission')}</p>}</ErrorBanner>
      <div className="row-actions">
        <button type="button" className="btn btn-primary" disabled={!s || s.letters === 0 || busy} onClick={() => void send()}>
          {t('mailingSend.confirm', { letters: s?.letters ?? 0 })}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('mailingSend.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
