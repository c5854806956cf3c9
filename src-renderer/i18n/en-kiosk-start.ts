import type { Widen } from './catalogue';
import type { daKioskStart } from './da-kiosk-start';

/** Starting a follow-up kiosk from the questionnaire list: by the record number a caseworker sees. */
export const enKioskStart: Widen<typeof daKioskStart> = {
  recordNumber: 'Record number',
  recordNumberHint: 'The record number as shown on the record, e.g. 2026-000199. You can also start the kiosk from the record itself.',
  notFound: 'There is no record numbered {{number}} in this questionnaire’s workflow.',
  finding: 'Finding the record…',
};
