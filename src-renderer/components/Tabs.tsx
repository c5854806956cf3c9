import type { ReactNode } from 'react';

interface Tab<K extends string> {
  key: K;
  label: string;
}

interface Props<K extends string> {
  label: string;
  tabs: Tab<K>[];
  active: K;
  onChange: (key: K) => void;
  idPrefix: string;
}

/** WAI-ARIA tabs (role tab/tablist); panels use `${idPrefix}-panel-${key}`. */
export function Tabs<K extends string>({ label, tabs, active, onChange, idPrefix }: Props<K>): ReactNode {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.key}`}
          aria-selected={tab.key === active}
          aria-controls={`${idPrefix}-panel-${tab.key}`}
          className={tab.key === active ? 'tab tab-active' : 'tab'}
          onClick={() => onChange(tab.key)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ idPrefix, tabKey, children }: { idPrefix: string; tabKey: string; children: ReactNode }): ReactNode {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${tabKey}`} aria-labelledby={`${idPrefix}-tab-${tabKey}`} className="tab-panel">
      {children}
    </div>
  );
}
