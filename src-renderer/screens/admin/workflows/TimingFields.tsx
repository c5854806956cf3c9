import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionTiming, DelayBasis } from '../../../../src-main/contract';
import { ACTION_TRIGGERS, DELAY_BASES } from '../../../../src-main/contract/timed-actions-types';
import { useWorkspace } from '../../../app/workspace-context';
import { UNIT_MS, splitDelay, type DelayUnit as Unit } from './delay-units';

interface Props {
  timing: ActionTiming;
  onChange: (timing: ActionTiming) => void;
}

/** Trigger of a status action: on enter, on leave, or after a delay counted from a chosen moment. */
export function TimingFields({ timing, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const dateFields = ws.fields.filter((f) => f.type === 'date');
  const { amount, unit } = splitDelay(timing.delayMs);
  const before = timing.delayMs < 0;
  const set = (patch: Partial<ActionTiming>) => onChange({ ...timing, ...patch });
  const setDelay = (nextAmount: number, nextUnit: Unit, nextBefore: boolean) =>
    set({ delayMs: Math.max(0, Math.trunc(nextAmount)) * UNIT_MS[nextUnit] * (nextBefore ? -1 : 1) });

  return (
    <>
      <label htmlFor="af-trigger">{t('timedActions.trigger.label')}</label>
      <select id="af-trigger" value={timing.trigger} onChange={(e) => set({ trigger: e.target.value as ActionTiming['trigger'] })}>
        {ACTION_TRIGGERS.map((tr) => (
          <option key={tr} value={tr}>
            {t(`timedActions.trigger.${tr}`)}
          </option>
        ))}
      </select>
      {timing.trigger === 'delay' && (
        <>
          <label htmlFor="af-delay-amount">{t('timedActions.delay.amount')}</label>
          <span className="inline-form">
            <input id="af-delay-amount" type="number" min={0} value={amount} onChange={(e) => setDelay(Number(e.target.value) || 0, unit, before)} />
            <select aria-label={t('timedActions.delay.unit')} value={unit} onChange={(e) => setDelay(amount, e.target.value as Unit, before)}>
              {(Object.keys(UNIT_MS) as Unit[]).map((u) => (
                <option key={u} value={u}>
                  {t(`timedActions.delay.units.${u}`)}
                </option>
              ))}
            </select>
            {timing.delayFrom === 'field' && (
              <select aria-label={t('timedActions.delay.direction')} value={before ? 'before' : 'after'} onChange={(e) => setDelay(amount, unit, e.target.value === 'before')}>
                <option value="after">{t('timedActions.delay.after')}</option>
                <option value="before">{t('timedActions.delay.before')}</option>
              </select>
            )}
          </span>
          <label htmlFor="af-delay-from">{t('timedActions.delay.from')}</label>
          <select
            id="af-delay-from"
            value={timing.delayFrom}
            onChange={(e) => {
              const delayFrom = e.target.value as DelayBasis;
              // Only a date field can be counted backwards from.
              onChange({
                ...timing,
                delayFrom,
                delayMs: delayFrom === 'field' ? timing.delayMs : Math.abs(timing.delayMs),
                delayFieldId: delayFrom === 'field' ? (timing.delayFieldId ?? dateFields[0]?.id ?? null) : null,
              });
            }}
          >
            {DELAY_BASES.map((b) => (
              <option key={b} value={b} disabled={b === 'field' && dateFields.length === 0}>
                {t(`timedActions.delay.bases.${b}`)}
              </option>
            ))}
          </select>
          {timing.delayFrom === 'field' && (
            <>
              <label htmlFor="af-delay-field">{t('timedActions.delay.field')}</label>
              <select id="af-delay-field" value={timing.delayFieldId ?? ''} onChange={(e) => set({ delayFieldId: e.target.value ? Number(e.target.value) : null })}>
                {dateFields.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </>
          )}
        </>
      )}
    </>
  );
}
