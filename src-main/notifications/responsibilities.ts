import type { ResponsibilitiesView, ResponsibilityCount } from '../contract';
import type { Db } from '../store/database';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';

/**
 * "Mine ansvarsområder": how many records per status I am responsible for,
 * directly or through one of my groups. Each record counts once: a record of my
 * group counts as "via group" only when I am not its responsible user. Both
 * counts come from covering indexes (migration 004), not from the records.
 */
export function myResponsibilities(db: Db, ws: WorkspaceSnapshot, user: { id: number; groupIds: number[] }): ResponsibilitiesView {
  const mine = db
    .prepare('SELECT status_id AS statusId, count(*) AS n FROM records WHERE responsible_user_id = ? GROUP BY status_id')
    .all(user.id) as { statusId: number; n: number }[];
  const groups = user.groupIds.slice(0, 500);
  const viaGroup = groups.length
    ? (db
        .prepare(
          `SELECT status_id AS statusId, count(*) AS n FROM records
           WHERE responsible_group_id IN (${groups.map(() => '?').join(',')})
             AND (responsible_user_id IS NULL OR responsible_user_id <> ?)
           GROUP BY status_id`,
        )
        .all(...groups, user.id) as { statusId: number; n: number }[])
    : [];
  const byStatus = new Map<number, ResponsibilityCount>();
  const entry = (statusId: number): ResponsibilityCount | null => {
    const status = ws.statusesById.get(statusId);
    if (!status) return null;
    let e = byStatus.get(statusId);
    if (!e) {
      e = {
        workflowId: status.workflowId,
        workflowName: ws.workflowsById.get(status.workflowId)?.name ?? '',
        statusId,
        statusName: status.name,
        statusColor: status.color,
        isFinal: status.isFinal,
        mine: 0,
        viaGroup: 0,
      };
      byStatus.set(statusId, e);
    }
    return e;
  };
  for (const r of mine) {
    const e = entry(r.statusId);
    if (e) e.mine += r.n;
  }
  for (const r of viaGroup) {
    const e = entry(r.statusId);
    if (e) e.viaGroup += r.n;
  }
  // In workflow order, then the workflow's own status order.
  const order = new Map<number, number>();
  ws.workflows.forEach((w, wi) => w.statuses.forEach((s, si) => order.set(s.id, wi * 100_000 + (s.sortOrder ?? si))));
  const rows = [...byStatus.values()].sort((a, b) => (order.get(a.statusId) ?? 0) - (order.get(b.statusId) ?? 0));
  return { total: rows.reduce((sum, r) => sum + r.mine + r.viaGroup, 0), byStatus: rows };
}
