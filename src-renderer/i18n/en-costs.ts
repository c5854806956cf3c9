import type { daCostFieldErrors, daCosts } from './da-costs';
import type { Widen } from './catalogue';

// Texts of the mailing send step, monthly budgets and the cost overview (English; same keys as Danish).
export const enCosts: Widen<typeof daCosts> = {
  costs: {
    nav: 'Costs and budgets',
    title: 'Costs and budgets',
    intro: "This month's costs per channel. Committed is what waits in the outbox or for a signature and is not yet charged. A send that would cost more than is left is stopped before anything goes out.",
    month: 'Month: {{month}}',
    channel: 'Channel',
    budget: 'Budget',
    spent: 'Spent',
    committed: 'Committed',
    left: 'Left',
    noBudget: 'No budget',
    noLimit: 'No limit',
    channels: { digital_post: 'Digital Post', mitid_login: 'MitID', signature: 'Signatures' },
    edit: 'Monthly budget for {{channel}} (DKK)',
    editHint: 'Empty = no budget (no limit).',
    save: 'Save budget',
    saved: 'The budget is saved.',
    invalidAmount: 'Enter an amount in kroner, e.g. 5,000.00.',
  },
  mailingSend: {
    open: 'Send the mailing …',
    title: 'Send {{letters}} letters to {{citizens}} citizens',
    byDigitalPost_one: '{{count}} letter goes by Digital Post.',
    byDigitalPost_other: '{{count}} letters go by Digital Post.',
    byPhysicalPost_one: '{{count}} letter must go by physical post:',
    byPhysicalPost_other: '{{count}} letters must go by physical post:',
    noPhysicalPost: 'No letters go by physical post.',
    reason: { exempt: 'exempt from Digital Post', no_mailbox: 'has no Digital Post mailbox' },
    physicalRow: 'Record {{number}}: {{reason}}',
    morePhysical: '… and {{count}} more.',
    skipped_one: '{{count}} record was skipped (no CPR number).',
    skipped_other: '{{count}} records were skipped (no CPR number).',
    cost: 'Projected Digital Post cost: {{amount}} (from the price settings; postage for physical post is not included).',
    budget: "This month's Digital Post budget: {{budget}}; spent {{spent}}, committed {{committed}}, left {{left}}",
    noBudget: 'There is no Digital Post budget this month.',
    overBudget: 'The mailing costs more than is left of the budget. It cannot be sent.',
    confirm: 'Send {{letters}} letters',
    cancel: 'Cancel',
    sent: 'The mailing is sent: the letters are in the outbox.',
    sending: 'Sending … {{done}} of {{total}} letters are in the outbox',
    noPermission: 'Only users with the permission "Send mailings" can send.',
  },
};

export const enCostFieldErrors: Widen<typeof daCostFieldErrors> = {
  budget_exceeded:
    'The {{channelName}} budget for {{monthName}} is {{budget}}; spent {{spent}}, committed {{committed}}, left {{left}}; this costs {{cost}}',
  budget_amount: 'A budget is an amount from 0 to 100 million kroner',
  mailing_figures_changed: 'The figures have changed since the dialog was shown',
  mailing_already_sent: 'The mailing has already been sent',
  mailing_not_prepared: 'Prepare the mailing before sending it',
};
