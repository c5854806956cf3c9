/** Starting a follow-up kiosk from the questionnaire list: by the record number a caseworker sees. */
export const daKioskStart = {
  recordNumber: 'Sagsnummer',
  recordNumberHint: 'Sagsnummeret som på sagen, fx 2026-000199. Du kan også starte kiosken fra selve sagen.',
  notFound: 'Der er ingen sag med nummeret {{number}} i arbejdsgangen for dette spørgeskema.',
  finding: 'Finder sagen…',
};
