import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What a provider or our own check said, closed by default: the caseworker reads
 * the worded text beside it, an administrator may open this when asking support.
 * Main redacts CPR numbers before such a text is stored.
 */
export function TechnicalDetails({ text }: { text: string }): ReactNode {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <details className="technical-details small">
      <summary>{t('words.technicalDetails')}</summary>
      <code lang="en">{text}</code>
    </details>
  );
}
