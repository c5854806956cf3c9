// Where in a form or template an error sits, named as a caseworker would say it
// (issue 14): never `blocks.1.text`, always one-based ("blok 2, tekst").
// Danish is the source; en-words.ts must match.
export const daWords = {
  fieldPath: {
    title: 'Titel',
    letterhead: 'Brevhoved',
    blocks: 'Blok {{n}}',
    senderLines: 'Afsenderlinje {{n}}',
    recipientLines: 'Modtagerlinje {{n}}',
    columns: 'kolonne {{n}}',
    rows: 'række {{n}}',
    cells: 'celle {{n}}',
    questions: 'Spørgsmål {{n}}',
    options: 'svarmulighed {{n}}',
    items: 'Punkt {{n}}',
    text: 'tekst',
    header: 'overskrift',
    label: 'tekst',
    name: 'navn',
    body: 'brødtekst',
    subject: 'emne',
    /** A part this version has no name for. */
    part: 'Punkt {{n}}',
  },
  separator: ', ',
  /** A provider's own words or an internal id, closed by default (TechnicalDetails.tsx). */
  technicalDetails: 'Tekniske detaljer',
};
