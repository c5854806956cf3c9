import type { UserView, WorkflowDef } from '../contract';
import { CliError } from './cli-error';

const folded = (s: string) => s.trim().toLocaleLowerCase('da-DK');
const isId = (s: string) => /^\d{1,15}$/.test(s.trim());

/**
 * Finds one item by id or by name (exact first, then ignoring case). Names in
 * the error list help the administrator retype; they are workspace names, not
 * personal data beyond what the app shows every caseworker.
 */
function byIdOrName<T extends { id: number; name: string }>(items: T[], wanted: string, what: string, option: string): T {
  if (isId(wanted)) {
    const hit = items.find((i) => i.id === Number(wanted));
    if (hit) return hit;
  }
  const exact = items.filter((i) => i.name === wanted);
  const loose = exact.length ? exact : items.filter((i) => folded(i.name) === folded(wanted));
  if (loose.length === 1) return loose[0] as T;
  const known = items.map((i) => `"${i.name}" (id ${i.id})`).join(', ') || 'none';
  if (loose.length > 1) throw new CliError(`Several ${what}s are named "${wanted}"; give the id with ${option} instead. Known: ${known}.`);
  throw new CliError(`There is no ${what} "${wanted}". Known ${what}s: ${known}.`);
}

export const findWorkflow = (workflows: WorkflowDef[], wanted: string): WorkflowDef => byIdOrName(workflows, wanted, 'workflow', '--workflow');

export const findUser = (users: UserView[], wanted: string): UserView => byIdOrName(users, wanted, 'user', '--as');
