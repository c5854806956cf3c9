import type { daTimedActions } from './da-timed-actions';
import type { Widen } from './catalogue';

export const enTimedActions: Widen<typeof daTimedActions> = {
  trigger: {
    label: 'Runs',
    enter: 'When the record enters the status',
    leave: 'When the record leaves the status',
    delay: 'After a time in the status',
  },
  delay: {
    amount: 'Delay',
    unit: 'Unit',
    units: { minutes: 'minutes', hours: 'hours', days: 'days' },
    direction: 'Before or after',
    after: 'after',
    before: 'before',
    from: 'Counted from',
    bases: {
      entered: 'the record entered the status',
      created: 'the record was created',
      changed: 'the record was last changed',
      field: 'a date on the record',
    },
    field: 'Date field',
    summaryEntered: '{{amount}} {{unit}} after entering the status',
    summaryCreated: '{{amount}} {{unit}} after creation',
    summaryChanged: '{{amount}} {{unit}} after the last change',
    summaryField: '{{amount}} {{unit}} {{direction}} "{{field}}"',
  },
  onLeave: 'On leaving the status',
  pending: {
    title: 'Scheduled status actions',
    empty: 'No scheduled status actions.',
    dueAt: 'Runs at',
    noDate: 'waiting for a date',
    states: { pending: 'Scheduled', fired: 'Done', cancelled: 'Cancelled' },
  },
  guards: {
    title: 'Conditions',
    none: 'No conditions',
    no_failed_status_action: 'No failed status actions',
    all_messages_delivered: 'All Digital Post letters delivered',
    refused: 'The status change cannot go ahead because:',
    showItem: 'Show the failed item',
    override: 'Go ahead anyway (administrator)',
    overrideReason: 'Reason (required and logged)',
    overrideConfirm: 'Override conditions and change status',
  },
  failed: {
    summary_one: 'The status action "{{name}}" failed.',
    summary_other: '{{count}} status actions failed, among them "{{name}}".',
  },
  retry: 'Try again',
  errorGuardFailed: 'The status change was refused because a condition is not met.',
};
