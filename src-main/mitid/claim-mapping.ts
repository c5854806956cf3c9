import type { Db } from '../store/database';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';
import type { MitidIdentity } from './mitid-identity';

/** The MitID user properties an administrator can assign to record fields. */
export const MITID_PROPERTIES = ['name', 'givenName', 'familyName', 'cpr', 'uuid', 'birthdate'] as const;
export type MitidProperty = (typeof MITID_PROPERTIES)[number];

export interface MitidWorkflowSetup {
  workflowId: number;
  enabled: boolean;
  /** Property → field key. */
  mappings: Partial<Record<MitidProperty, string>>;
}

/** The "Idura / Criipto (MitID)" entity interface per workflow, and its property → field assignments. */
export class ClaimMappings {
  constructor(private readonly db: Db) {}

  forWorkflow(ws: WorkspaceSnapshot, workflowId: number): MitidWorkflowSetup {
    const enabled = this.db.prepare('SELECT 1 FROM mitid_workflows WHERE workflow_id = ?').get(workflowId) !== undefined;
    const rows = this.db.prepare('SELECT claim, field_id FROM mitid_claim_mappings WHERE workflow_id = ?').all(workflowId) as { claim: MitidProperty; field_id: number }[];
    const mappings: Partial<Record<MitidProperty, string>> = {};
    for (const r of rows) {
      const field = ws.fieldsById.get(r.field_id);
      if (field) mappings[r.claim] = field.key;
    }
    return { workflowId, enabled, mappings };
  }

  save(ws: WorkspaceSnapshot, setup: MitidWorkflowSetup): void {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM mitid_workflows WHERE workflow_id = ?').run(setup.workflowId);
        if (!setup.enabled) return;
        this.db.prepare('INSERT INTO mitid_workflows (workflow_id) VALUES (?)').run(setup.workflowId);
        const insert = this.db.prepare('INSERT INTO mitid_claim_mappings (workflow_id, claim, field_id) VALUES (?, ?, ?)');
        for (const [claim, key] of Object.entries(setup.mappings)) {
          const field = key ? ws.fieldsByKey.get(key) : undefined;
          if (field) insert.run(setup.workflowId, claim, field.id);
        }
      })
      .immediate();
  }

  /**
   * Field values from a MitID identity for a record in this workflow. A workflow
   * without the interface still gets the name and CPR into its role fields,
   * since a questionnaire that demands MitID is pointless without them.
   */
  valuesFor(ws: WorkspaceSnapshot, workflowId: number, identity: MitidIdentity): Record<string, string | null> {
    const setup = this.forWorkflow(ws, workflowId);
    const mappings: Partial<Record<MitidProperty, string>> = setup.enabled
      ? setup.mappings
      : {
          ...(ws.fields.find((f) => f.role === 'name') ? { name: ws.fields.find((f) => f.role === 'name')?.key } : {}),
          ...(ws.fields.find((f) => f.role === 'cpr') ? { cpr: ws.fields.find((f) => f.role === 'cpr')?.key } : {}),
        };
    const source: Record<MitidProperty, string | null> = {
      name: identity.name || null,
      givenName: identity.givenName || null,
      familyName: identity.familyName || null,
      cpr: identity.cpr,
      uuid: identity.uuid,
      birthdate: identity.birthdate,
    };
    const values: Record<string, string | null> = {};
    for (const [property, key] of Object.entries(mappings) as [MitidProperty, string | undefined][]) {
      if (key && source[property] !== null) values[key] = source[property];
    }
    return values;
  }
}
