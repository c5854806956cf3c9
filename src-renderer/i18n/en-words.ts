import type { Widen } from './catalogue';
import type { daWords } from './da-words';

export const enWords: Widen<typeof daWords> = {
  fieldPath: {
    title: 'Title',
    letterhead: 'Letterhead',
    blocks: 'Block {{n}}',
    senderLines: 'Sender line {{n}}',
    recipientLines: 'Recipient line {{n}}',
    columns: 'column {{n}}',
    rows: 'row {{n}}',
    cells: 'cell {{n}}',
    questions: 'Question {{n}}',
    options: 'option {{n}}',
    items: 'Item {{n}}',
    text: 'text',
    header: 'header',
    label: 'text',
    name: 'name',
    body: 'body',
    subject: 'subject',
    part: 'Item {{n}}',
  },
  separator: ', ',
  technicalDetails: 'Technical details',
};
