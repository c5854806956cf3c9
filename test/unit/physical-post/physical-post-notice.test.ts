import { describe, expect, it } from 'vitest';
import { physicalPostNotice } from '../../../src-main/digital-post/physical-post/physical-post-notice';
import { contextText } from '../../../src-renderer/components/notifications/context-text';
import { i18n } from '../../../src-renderer/i18n/i18n';

describe('the physical-post notice', () => {
  it('is stored in Danish and rendered from its subject in the reader’s language', async () => {
    const notice = physicalPostNotice(7, 'Afgørelse om tilskud');
    expect(notice).toMatchObject({ kind: 'digital_post_physical_fallback', recordId: 7, toRecordResponsibles: true, params: { subject: 'Afgørelse om tilskud' } });
    expect(notice.message).toBe('Borgeren er fritaget for Digital Post. Brevet "Afgørelse om tilskud" skal sendes med fysisk post: print det fra listen "Til print", og markér det som afsendt.');
    const view = { kind: notice.kind, context: notice.message, params: notice.params ?? null };
    await i18n.changeLanguage('da');
    expect(contextText(view, i18n)).toBe(notice.message);
    await i18n.changeLanguage('en');
    expect(contextText(view, i18n)).toBe('The citizen is exempt from Digital Post. The letter "Afgørelse om tilskud" must go by physical post: print it from the "To print" list and mark it as posted.');
  });
});
