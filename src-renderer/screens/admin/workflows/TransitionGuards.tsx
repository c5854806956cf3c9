import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardTypeView, TransitionDef } from '../../../../src-main/contract';

const dynamicT = (t: ReturnType<typeof useTranslation>['t']) => t as unknown as (key: string) => string;

interface Props {
  transition: TransitionDef;
  types: GuardTypeView[];
  disabled: boolean;
  onChange: (guards: string[]) => void;
}

/** The conditions a record must meet before it may take this transition; each a checkbox. */
export function TransitionGuards({ transition, types, disabled, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  // Shown at once on click; the saved workspace replaces it when it arrives.
  const saved = (transition.guards ?? []).join(',');
  const [current, setCurrent] = useState<string[]>(transition.guards ?? []);
  useEffect(() => setCurrent(saved ? saved.split(',') : []), [saved]);
  const toggle = (type: string, on: boolean) => {
    const next = on ? [...current, type] : current.filter((x) => x !== type);
    setCurrent(next);
    onChange(next);
  };
  // A guard stored on the transition but not known to this build is still shown, so it can be removed.
  const shown = [...types, ...current.filter((g) => !types.some((ty) => ty.type === g)).map((g) => ({ type: g, labelKey: '' }))];
  if (shown.length === 0) return null;
  return (
    <fieldset className="transition-guards" data-testid="transition-guards">
      <legend className="muted small">{t('timedActions.guards.title')}</legend>
      {shown.map((g) => (
        <label key={g.type} className="small">
          <input
            type="checkbox"
            disabled={disabled}
            checked={current.includes(g.type)}
            onChange={(e) => toggle(g.type, e.target.checked)}
          />{' '}
          {g.labelKey ? dynamicT(t)(g.labelKey) : g.type}
        </label>
      ))}
    </fieldset>
  );
}
