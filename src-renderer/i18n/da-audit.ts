// The audit trail in the reader's language (issue 14). Main stores each event as a
// code (`signing.link_sent`) and parameters; these texts are applied when the trail
// is shown, so a trail reads in whichever language the reader has chosen.
// Danish is the source; en-audit.ts must match key for key.
export const daAuditActions = {
  signing_cancel_requested: 'Annullering af underskrift bestilt',
  signing_document_generated: 'Dokument til underskrift dannet',
  signing_order_created: 'Underskriftsanmodning oprettet hos Idura',
  signing_link_sent: 'Underskriftslink sendt med Digital Post',
  signing_signature_refused: 'Underskrevet dokument afvist af kontrollen',
  signing_completed: 'Dokument underskrevet',
  signing_rejected: 'Borgeren afviste at underskrive',
  signing_expired: 'Fristen for underskrift udløb',
  signing_cancelled: 'Underskriftsanmodning annulleret',
  signing_failed: 'Underskriftsanmodning mislykkedes',
  digital_post_queued: 'Digital Post-brev lagt i udbakken',
  unknown: 'Anden hændelse',
};

export const daAuditText = {
  fieldChange: '{{field}}: {{from}} → {{to}}',
  empty: '(tom)',
  unknownField: 'et felt, der ikke findes mere',
  unknownStatus: 'en status, der ikke findes mere',
  statusChange: '{{from}} → {{to}}',
  guards: 'Betingelser: {{guards}}',
  reasons: 'Årsag: {{reasons}}',
  overrideReason: 'Begrundelse: »{{reason}}«',
  job: 'Statushandling nr. {{id}}',
  document: 'Dokument: {{name}}',
  signer: 'Underskriver: {{cpr}}',
  secondSigner: 'Derefter: {{cpr}}',
  oneLetter: 'Ét brev med link til borgeren',
  twoLetters: 'To breve med link, et til hver underskriver',
  signedSize: 'Underskrevet PDF på {{size}}',
  problems: 'Fejl: {{problems}}',
  failed: 'Årsag: {{reason}}',
  questionnaire: 'Spørgeskema: »{{title}}«',
  mitid: 'Med MitID: {{answer}}',
  mitidCpr: 'MitID-login med CPR {{mitid}}, sagens CPR {{record}}',
  noCpr: 'intet CPR',
  subject: 'Emne: »{{subject}}«',
  /** An event this version does not know: its parameters, each by a readable name. */
  param: '{{name}}: {{value}}',
  paramNames: {
    via: 'Hvordan',
    field: 'Felt',
    questionnaire: 'Spørgeskema',
    subject: 'Emne',
    reason: 'Årsag',
    comment: 'Kommentar',
    title: 'Titel',
    count: 'Antal',
    status: 'Status',
  },
  kilobytes: '{{n}} kB',
};
