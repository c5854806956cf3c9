import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../src-main/contract';
import { useWorkspace } from '../../app/workspace-context';

interface Props {
  field: FieldDef;
  id: string;
  /** The stored string form; null is empty. */
  value: string | null;
  onChange: (value: string | null) => void;
  invalid: boolean;
  describedBy: string | undefined;
}

const empty = (v: string): string | null => (v === '' ? null : v);

/**
 * One input per field type, always producing the contract's string form. Inputs only
 * hint (no browser validation blocks a save): the server's validation is the rule.
 */
export function FieldInput({ field, id, value, onChange, invalid, describedBy }: Props): ReactNode {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const common = {
    id,
    name: field.key,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  };
  const text = value ?? '';

  switch (field.type) {
    case 'longtext':
      return <textarea {...common} rows={4} value={text} onChange={(e) => onChange(empty(e.target.value))} />;
    case 'choice':
      return (
        <select {...common} value={text} onChange={(e) => onChange(empty(e.target.value))}>
          <option value="">{t('common.none')}</option>
          {/* Keep a stored value that is no longer an option visible rather than silently dropping it. */}
          {text && !field.options.includes(text) && <option value={text}>{text}</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'yesno':
      return (
        <select {...common} value={text} onChange={(e) => onChange(empty(e.target.value))}>
          <option value="">{t('common.none')}</option>
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </select>
      );
    case 'user':
      return (
        <select {...common} value={text} onChange={(e) => onChange(empty(e.target.value))}>
          <option value="">{t('common.none')}</option>
          {ws.view.users.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name} ({u.initials})
            </option>
          ))}
        </select>
      );
    case 'group':
      return (
        <select {...common} value={text} onChange={(e) => onChange(empty(e.target.value))}>
          <option value="">{t('common.none')}</option>
          {ws.view.groups.map((g) => (
            <option key={g.id} value={String(g.id)}>
              {g.name}
            </option>
          ))}
        </select>
      );
    case 'date':
      return <input {...common} type="date" value={text} onChange={(e) => onChange(empty(e.target.value))} />;
    case 'number':
      return <input {...common} type="text" inputMode="decimal" value={text} onChange={(e) => onChange(empty(e.target.value))} />;
    case 'email':
      return <input {...common} type="email" autoComplete="off" value={text} onChange={(e) => onChange(empty(e.target.value))} />;
    case 'phone':
      return <input {...common} type="tel" autoComplete="off" value={text} onChange={(e) => onChange(empty(e.target.value))} />;
    case 'cpr':
      return (
        <input
          {...common}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder="DDMMÅÅ-XXXX"
          value={text}
          onChange={(e) => onChange(empty(e.target.value))}
        />
      );
    case 'text':
      return <input {...common} type="text" value={text} onChange={(e) => onChange(empty(e.target.value))} />;
  }
}
