import type { TFunction } from 'i18next';
import type { ActionTiming, FieldDef } from '../../../../src-main/contract';
import { splitDelay } from './delay-units';

/** "14 dage efter sagen kom i status", "7 dage før "Frist"", or "Ved udgang af status"; empty for on-enter. */
export function timingSummary(t: TFunction, timing: ActionTiming | undefined, fieldById: (id: number) => FieldDef | undefined): string {
  if (!timing || timing.trigger === 'enter') return '';
  if (timing.trigger === 'leave') return t('timedActions.onLeave');
  const { amount, unit } = splitDelay(timing.delayMs);
  const unitText = t(`timedActions.delay.units.${unit}`);
  switch (timing.delayFrom) {
    case 'entered':
      return t('timedActions.delay.summaryEntered', { amount, unit: unitText });
    case 'created':
      return t('timedActions.delay.summaryCreated', { amount, unit: unitText });
    case 'changed':
      return t('timedActions.delay.summaryChanged', { amount, unit: unitText });
    case 'field':
      return t('timedActions.delay.summaryField', {
        amount,
        unit: unitText,
        direction: t(timing.delayMs < 0 ? 'timedActions.delay.before' : 'timedActions.delay.after'),
        field: (timing.delayFieldId !== null && fieldById(timing.delayFieldId)?.label) || '?',
      });
  }
}
