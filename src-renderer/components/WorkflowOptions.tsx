import type { WorkflowDef } from '../../src-main/contract/types';

/** The `<option>`s of a workflow picker; every screen that picks a workflow lists them the same way. */
export function WorkflowOptions({ workflows }: { workflows: WorkflowDef[] }) {
  return (
    <>
      {workflows.map((w) => (
        <option key={w.id} value={w.id}>
          {w.name}
        </option>
      ))}
    </>
  );
}
