import { afterAll, describe, expect, it } from 'vitest';
import { errorKind } from '../../src-main/digital-post/message-views';
import { i18n } from '../../src-renderer/i18n/i18n';
import { letterErrorText } from '../../src-renderer/i18n/translate-error';

// A letter's failure reached the outbox as main's sentence with the access point's
// English inside ("Brevet kunne ikke sendes: recipient not allowed"). Now it is a
// code worded in the reader's language; the provider's words are technical details.
const row = (state: string, error_code = '', error_text = '', field_errors: string | null = null) => ({ state, error_code, error_text, field_errors }) as never;

describe('why a letter is not delivered', () => {
  afterAll(() => i18n.changeLanguage('da'));

  it('is a code for every state that has a problem', () => {
    expect(errorKind(row('physical_post', 'recipient.exempt'))).toBe('physical_post');
    expect(errorKind(row('failed', 'VALIDATION', 'invalid memo', '[{"resource":"memo","field":"subject","code":"Size"}]'))).toBe('invalid');
    expect(errorKind(row('failed', 'gave_up', 'gave up after 3 attempts; last: HTTP 503'))).toBe('gave_up');
    expect(errorKind(row('failed', 'NOT_ALLOWED', 'recipient not allowed'))).toBe('refused');
    expect(errorKind(row('awaiting_receipt', '', 'socket hang up'))).toBe('lost');
    expect(errorKind(row('queued', '', 'HTTP 503'))).toBe('retrying');
    expect(errorKind(row('queued'))).toBeNull();
    expect(errorKind(row('delivered'))).toBeNull();
  });

  it('reads in Danish without the provider’s English', async () => {
    await i18n.changeLanguage('da');
    expect(letterErrorText(i18n.t, { errorKind: 'refused', fieldErrors: [] })).toBe('Digital Post afviste brevet.');
    expect(letterErrorText(i18n.t, { errorKind: 'invalid', fieldErrors: [{ resource: 'memo', field: 'a', code: 'x' }, { resource: 'memo', field: 'b', code: 'y' }] })).toBe(
      'Digital Post afviste brevet som ugyldigt (2 fejl).',
    );
    await i18n.changeLanguage('en');
    expect(letterErrorText(i18n.t, { errorKind: 'lost', fieldErrors: [] })).toBe('The answer from Digital Post was lost; the letter awaits its receipt.');
  });
});
