import type { RecordSummary } from '../contract';
import { maskCpr } from '../cpr/cpr';
import { maskCprsInText } from '../cpr/cpr-text';

export interface RecordRow {
  id: number;
  number: string;
  workflow_id: number;
  status_id: number;
  name: string;
  cpr: string | null;
  responsible_user_id: number | null;
  responsible_group_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export const RECORD_COLUMNS =
  'r.id, r.number, r.workflow_id, r.status_id, r.name, r.cpr, r.responsible_user_id, r.responsible_group_id, r.version, r.created_at, r.updated_at';

export const toSummary = (r: RecordRow): RecordSummary => ({
  id: r.id,
  number: r.number,
  workflowId: r.workflow_id,
  statusId: r.status_id,
  // A CPR number typed into the name field is shown masked, as in the field itself.
  name: maskCprsInText(r.name),
  cprMasked: maskCpr(r.cpr),
  responsibleUserId: r.responsible_user_id,
  responsibleGroupId: r.responsible_group_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});
