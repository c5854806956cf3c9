import type { RecordDetail, StatusHistoryEntry } from '../contract';
import { auditForRecord } from '../audit/audit-log';
import { maskCprsInText } from '../cpr/cpr-text';
import { jobsForRecord } from '../jobs/job-queue';
import type { Db } from '../store/database';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { toSummary } from './record-row';
import type { RecordsService } from './records-service';

/** Everything the record view shows, with CPR numbers masked. */
export function recordDetail(db: Db, records: RecordsService, workspace: WorkspaceRepo, id: number): RecordDetail {
  const row = records.row(id);
  const history = (
    db
      .prepare('SELECT id, from_status_id, to_status_id, user_id, comment, at FROM status_history WHERE record_id = ? ORDER BY id DESC')
      .all(id) as {
      id: number;
      from_status_id: number | null;
      to_status_id: number;
      user_id: number | null;
      comment: string;
      at: string;
    }[]
  ).map(
    (h): StatusHistoryEntry => ({
      id: h.id,
      fromStatusId: h.from_status_id,
      toStatusId: h.to_status_id,
      userId: h.user_id,
      // Comments written before masking on the way in may still hold a CPR number.
      comment: maskCprsInText(h.comment),
      at: h.at,
    }),
  );
  return {
    ...toSummary(row),
    values: records.maskedValues(id),
    history,
    audit: auditForRecord(db, id),
    jobs: jobsForRecord(db, id),
    nextStatusIds: workspace.snapshot().transitionsFrom(row.status_id).map((t) => t.toStatusId),
  };
}
