import { describe, expect, it } from 'vitest';
import { contextText } from '../../src-renderer/components/notifications/context-text';
import { i18n } from '../../src-renderer/i18n/i18n';

const summary = (count: string) => ({
  kind: 'responsible_user',
  context: 'stored Danish text',
  params: { via: 'csv import', actor: 'Mette Jensen', field: 'Sagsbehandler', count },
});

describe('the context line of a CSV import summary', () => {
  it('says how many records, with the language’s digit grouping', async () => {
    await i18n.changeLanguage('da');
    expect(contextText(summary('8341'), i18n)).toBe("Du blev sat som ansvarlig i feltet 'Sagsbehandler' på 8.341 sager af Mette Jensen");
    await i18n.changeLanguage('en');
    expect(contextText(summary('8341'), i18n)).toBe("You were set as responsible in field 'Sagsbehandler' on 8,341 records by Mette Jensen");
    expect(
      contextText({ kind: 'responsible_group', context: '', params: { via: 'csv import', field: 'Team', group: 'Visitation', count: '2' } }, i18n),
    ).toBe("Your group 'Visitation' was set as active group in field 'Team' on 2 records by CSV import");
  });

  it('keeps the single-record line for a notification without a count', async () => {
    await i18n.changeLanguage('da');
    expect(contextText({ kind: 'responsible_user', context: '', params: { via: 'csv import', field: 'Sagsbehandler' } }, i18n)).toBe(
      "Du blev sat som ansvarlig i feltet 'Sagsbehandler' ved CSV-import",
    );
  });
});

describe('a stored notification reads in the reader’s language (rendered at display time)', () => {
  // As stored: the Danish fallback text plus the code and params it is rendered from.
  const stored = {
    kind: 'digital_post_physical_fallback',
    context: 'Borgeren er fritaget for Digital Post; brevet "Afgørelse" skal sendes med fysisk post.',
    params: { subject: 'Afgørelse' },
    bulk: null,
  };
  const summary = {
    kind: 'bulk_summary',
    context: 'Masseændring: sager.csv',
    params: { operation: 'csv_import', label: 'sager.csv' },
    bulk: {
      operation: 'csv_import',
      label: 'sager.csv',
      records: 19965,
      parts: [
        { reason: 'status_action', detail: 'Modtaget', count: 19965 },
        { reason: 'responsible_user', detail: 'Sagsbehandler', count: 120 },
      ],
    },
  };

  it('the same row in Danish and in English', async () => {
    await i18n.changeLanguage('da');
    expect(contextText(stored, i18n)).toBe('Borgeren er fritaget for Digital Post. Brevet "Afgørelse" skal sendes med fysisk post: print det fra listen "Til print", og markér det som afsendt.');
    expect(contextText(summary, i18n)).toBe(
      "CSV-import af sager.csv: 19.965 sager – statushandling på 'Modtaget': 19.965; du er ansvarlig i feltet 'Sagsbehandler': 120",
    );
    await i18n.changeLanguage('en');
    expect(contextText(stored, i18n)).toBe('The citizen is exempt from Digital Post. The letter "Afgørelse" must go by physical post: print it from the "To print" list and mark it as posted.');
    expect(contextText(summary, i18n)).toBe(
      "CSV import of sager.csv: 19,965 records – status action on 'Modtaget': 19,965; you are responsible in field 'Sagsbehandler': 120",
    );
  });

  it('a row stored before its kind had params shows its stored text; a signing notice follows the reader', async () => {
    await i18n.changeLanguage('en');
    expect(contextText({ kind: 'digital_post_failed', context: 'Gammel tekst', params: null, bulk: null }, i18n)).toBe('Gammel tekst');
    const signed = { kind: 'signature_completed', context: 'x', params: { signing: 'completed', title: 'Aftale', number: '2026-000001' }, bulk: null };
    expect(contextText(signed, i18n)).toBe('The citizen has signed "Aftale" (record 2026-000001)');
    await i18n.changeLanguage('da');
    expect(contextText(signed, i18n)).toBe('Borgeren har underskrevet "Aftale" (sag 2026-000001)');
  });
});
