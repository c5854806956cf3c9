import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../src-main/contract';
import { FieldInput } from './FieldInput';

interface Props {
  field: FieldDef;
  idPrefix: string;
  value: string | null;
  onChange: (value: string | null) => void;
  /** Translated server error for this field. */
  error: string | undefined;
  changed?: boolean;
  /** Extra controls after the input (e.g. "Vis CPR"). */
  extra?: ReactNode;
}

/** Label, input and the server's error for one field, wired for screen readers. */
export function FieldRow({ field, idPrefix, value, onChange, error, changed, extra }: Props): ReactNode {
  const { t } = useTranslation();
  const id = `${idPrefix}-${field.key}`;
  const errorId = `${id}-error`;
  return (
    <div className={`field-row${error ? ' field-row-invalid' : ''}${changed ? ' field-row-changed' : ''}`} data-field={field.key}>
      <label htmlFor={id}>
        {field.label}
        {field.required && (
          <span className="required-mark" title={t('common.required')}>
            {' *'}
          </span>
        )}
      </label>
      <div className="field-control">
        <FieldInput
          field={field}
          id={id}
          value={value}
          onChange={onChange}
          invalid={Boolean(error)}
          describedBy={error ? errorId : undefined}
        />
        {extra}
      </div>
      {error && (
        <div className="field-error" id={errorId} data-testid={`field-error-${field.key}`}>
          {error}
        </div>
      )}
    </div>
  );
}
