import type { i18n as I18n } from 'i18next';
import { notificationText } from '../../../src-main/notifications/notification-text';

/**
 * The "why am I told" line in the UI language, rendered now from the
 * notification's kind and params (the same words the desktop's pop-ups use);
 * a notification stored before its kind had params shows its stored text.
 */
export function contextText(n: Parameters<typeof notificationText>[0], i18n: Pick<I18n, 'language'>): string {
  return notificationText(n, i18n.language === 'en' ? 'en' : 'da');
}
