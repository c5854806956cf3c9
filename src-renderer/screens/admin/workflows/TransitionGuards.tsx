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
  const current = transition.guards ?? [];
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
            onChange={(e) => onChange(e.target.checked ? [...current, g.type] : current.filter((x) => x !== g.type))}
          />{' '}
          {g.labelKey ? dynamicT(t)(g.labelKey) : g.type}
        </label>
      ))}
    </fieldset>
  );
}
