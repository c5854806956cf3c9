import type { TemplateDefinition } from './documents';

/**
 * A ready letter for the demo workspace's fields: the admin screen offers it
 * as a starting point, and the tests and benchmarks use it as a one-page letter.
 */
export const EXAMPLE_LETTER: TemplateDefinition = {
  title: 'Afgørelse om {{ansoegningstype}} – sag {{record_number}}',
  letterhead: {
    logo: 'default',
    senderLines: ['Aarhus Kommune', 'Borgerservice og Ydelser', 'Rådhuspladsen 2', '8000 Aarhus C', 'Tlf. 89 40 20 00'],
    recipientLines: ['{{navn}}', '{{adresse}}'],
    showDate: true,
  },
  blocks: [
    { type: 'heading', level: 1, text: 'Afgørelse om {{ansoegningstype}}' },
    {
      type: 'paragraph',
      text:
        'Kære {{navn}}\n\nVi har nu behandlet din ansøgning (sag {{record_number}}, CPR-nr. {{cpr}}). Du har søgt om {{beloeb}} kr. ' +
        'Sagen har status "{{status}}". Har du spørgsmål, er du velkommen til at kontakte din sagsbehandler, {{caseworker}}.',
    },
    {
      type: 'table',
      columns: [
        { header: 'Oplysning', width: 2 },
        { header: 'Værdi', width: 3 },
      ],
      rows: [
        ['Ansøgningstype', '{{ansoegningstype}}'],
        ['Ansøgt beløb', '{{beloeb}} kr.'],
        ['Svarfrist', '{{frist}}'],
        ['Bevilget', '{{bevilget}}'],
      ],
    },
    {
      type: 'paragraph',
      text: 'Klagevejledning: Du kan klage over afgørelsen inden for 4 uger. Klagen sendes til kommunen, som genvurderer sagen, før den eventuelt sendes videre til Ankestyrelsen.',
    },
    { type: 'paragraph', text: 'Med venlig hilsen\n{{caseworker}}\nAarhus Kommune' },
  ],
};
