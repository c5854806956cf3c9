import 'i18next';
import type { da } from './da';

// Typed keys: t('list.totl') is a compile error instead of a silent raw key on screen.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof da };
    returnNull: false;
  }
}
