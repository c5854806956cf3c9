import type { ReactNode } from 'react';
import type { StatusDef } from '../../src-main/contract';

/** A status name with its workflow colour (set through CSSOM, which the CSP allows). */
export function StatusBadge({ status }: { status: StatusDef | undefined }): ReactNode {
  if (!status) return <span className="status-badge">?</span>;
  return (
    <span className="status-badge" data-testid="status-badge">
      <span className="status-dot" aria-hidden="true" style={{ backgroundColor: status.color }} />
      {status.name}
    </span>
  );
}
