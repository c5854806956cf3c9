import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionView } from '../../../src-main/contract';

interface Props {
  question: QuestionView;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** One question as the citizen answers it; the answer is text, validated by the record field on submit. */
export function QuestionInput({ question, value, error, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const id = `q-${question.id}`;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-required': question.required || undefined };
  let control: ReactNode;
  switch (question.kind) {
    case 'longtext':
      control = <textarea {...common} rows={5} value={value} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'number':
      control = <input {...common} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'date':
      control = <input {...common} type="date" value={value} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'choice':
      control = (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('mitid.kiosk.choose')}</option>
          {question.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'yesno':
      control = (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('mitid.kiosk.choose')}</option>
          <option value="true">{t('mitid.kiosk.yes')}</option>
          <option value="false">{t('mitid.kiosk.no')}</option>
        </select>
      );
      break;
    default:
      control = <input {...common} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="kiosk-question">
      <label htmlFor={id}>
        {question.label}
        {question.required && <span aria-hidden="true"> *</span>}
      </label>
      {question.help && <p className="muted">{question.help}</p>}
      {control}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
