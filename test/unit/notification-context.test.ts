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
    expect(contextText(summary('8341'), i18n.t)).toBe("Du blev sat som ansvarlig i feltet 'Sagsbehandler' på 8.341 sager af Mette Jensen");
    await i18n.changeLanguage('en');
    expect(contextText(summary('8341'), i18n.t)).toBe("You were set as responsible in field 'Sagsbehandler' on 8,341 records by Mette Jensen");
    expect(
      contextText({ kind: 'responsible_group', context: '', params: { via: 'csv import', field: 'Team', group: 'Visitation', count: '2' } }, i18n.t),
    ).toBe("Your group 'Visitation' was set as active group in field 'Team' on 2 records by CSV import");
  });

  it('keeps the single-record line for a notification without a count', async () => {
    await i18n.changeLanguage('da');
    expect(contextText({ kind: 'responsible_user', context: '', params: { via: 'csv import', field: 'Sagsbehandler' } }, i18n.t)).toBe(
      "Du blev sat som ansvarlig i feltet 'Sagsbehandler' ved CSV-import",
    );
  });
});
