import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n';

/**
 * Action types come from main's registry; later features add types this build may
 * not have texts for, so an unknown type shows its key rather than nothing.
 */
export function useActionTypeLabel(): (type: string) => string {
  const { t } = useTranslation();
  return (type) => {
    const key = `actionTypes.${type}`;
    return i18n.exists(key) ? (t as unknown as (k: string) => string)(key) : t('actionTypes.unknown', { type });
  };
}
