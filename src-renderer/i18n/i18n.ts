import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-main/contract';
import { da } from './da';
import { en } from './en';

// Resources are bundled (no HTTP backend): the CSP allows no other origins, and a
// caseworker tool must work offline.
void i18next.use(initReactI18next).init({
  resources: { da: { translation: da }, en: { translation: en } },
  lng: 'da',
  fallbackLng: 'da',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

export const i18n = i18next;

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** BCP 47 locale for dates and numbers in the current language. */
export const locale = (): string => (i18next.language === 'en' ? 'en-GB' : 'da-DK');
