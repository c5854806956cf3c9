import { formatKroner, formatNumber } from '../../src-main/shared/danish-formats';
import { i18n, locale } from '../i18n/i18n';

const numberLanguage = (): 'da' | 'en' => (i18n.language === 'en' ? 'en' : 'da');

/** A stored number (`7500.50`) as the reader writes it (`7.500,50` in Danish). */
export const formatStoredNumber = (stored: string): string => formatNumber(stored, numberLanguage());

/** Øre as kroner, `1.234,56 kr.` */
export const formatMoney = (ore: number): string => `${formatKroner(ore, numberLanguage())} kr.`;

/** A stored field value as shown in a form or a trail: numbers in the reader's format, everything else as stored. */
export const shownFieldValue = (type: string, value: string | null): string | null =>
  value !== null && type === 'number' ? formatStoredNumber(value) : value;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale(), { dateStyle: 'short' });
}
