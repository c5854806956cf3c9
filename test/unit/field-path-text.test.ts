import { afterAll, describe, expect, it } from 'vitest';
import { i18n } from '../../src-renderer/i18n/i18n';
import { fieldErrorText, fieldPathText } from '../../src-renderer/i18n/translate-error';

// The issue saw "blocks.1.text: Ukendt flettefelt fornavn": a zero-based path from main.
describe('where an error sits, in the reader’s words', () => {
  afterAll(() => i18n.changeLanguage('da'));

  it('names template paths one-based in Danish', async () => {
    await i18n.changeLanguage('da');
    expect(fieldPathText(i18n.t, 'blocks.1.text')).toBe('Blok 2, tekst');
    expect(fieldPathText(i18n.t, 'title')).toBe('Titel');
    expect(fieldPathText(i18n.t, 'letterhead.senderLines.0')).toBe('Brevhoved, Afsenderlinje 1');
    expect(fieldPathText(i18n.t, 'blocks.0.columns.2')).toBe('Blok 1, kolonne 3');
    expect(fieldPathText(i18n.t, 'blocks.3.rows.0.1')).toBe('Blok 4, række 1, celle 2');
    expect(`${fieldPathText(i18n.t, 'blocks.1.text')}: ${fieldErrorText(i18n.t, { key: 'placeholder_unknown', params: { name: 'fornavn' } })}`).toBe(
      'Blok 2, tekst: Ukendt flettefelt fornavn',
    );
  });

  it('names a field key by its label, and in English for an English reader', async () => {
    await i18n.changeLanguage('da');
    expect(fieldPathText(i18n.t, 'bevilget', new Map([['bevilget', { label: 'Bevilget' }]]))).toBe('Bevilget');
    await i18n.changeLanguage('en');
    expect(fieldPathText(i18n.t, 'blocks.1.text')).toBe('Block 2, text');
  });

  it('never shows an unknown field error key', async () => {
    await i18n.changeLanguage('da');
    expect(fieldErrorText(i18n.t, { key: 'some_future_code', params: {} })).toBe('Ugyldig værdi.');
  });
});
