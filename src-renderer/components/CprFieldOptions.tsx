import type { ReactNode } from 'react';
import { useWorkspace } from '../app/workspace-context';

/** The workspace's CPR fields as <option>s: the recipients a status action can address. */
export function CprFieldOptions(): ReactNode {
  const ws = useWorkspace();
  return ws.fields
    .filter((f) => f.type === 'cpr')
    .map((f) => (
      <option key={f.id} value={f.key}>
        {f.label}
      </option>
    ));
}
