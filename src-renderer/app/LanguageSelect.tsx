import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-main/contract';

export function LanguageSelect({ onLanguage }: { onLanguage: (language: Language) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-select">
      <span className="visually-hidden">{t('header.language')}</span>
      <select
        value={i18n.language === 'en' ? 'en' : 'da'}
        onChange={(e) => onLanguage(e.target.value === 'en' ? 'en' : 'da')}
      >
        <option value="da">{t('languages.da')}</option>
        <option value="en">{t('languages.en')}</option>
      </select>
    </label>
  );
}

export function SandboxBadge(): ReactNode {
  const { t } = useTranslation();
  return (
    <span className="sandbox-badge" title={t('app.sandboxHint')} data-testid="sandbox-badge">
      {t('app.sandbox')}
    </span>
  );
}
