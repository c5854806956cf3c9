import type { Directory } from '../status-actions/action-type';
import type { Db } from '../store/database';
import type { ValueContext } from '../records/field-values';
import type { PeopleLists } from './people-finder';

/** Name and existence look-ups of users and groups, for validation and descriptions. */
export function createDirectory(db: Db): Directory & ValueContext {
  const userName = db.prepare('SELECT name FROM users WHERE id = ?').pluck();
  const groupName = db.prepare('SELECT name FROM groups WHERE id = ?').pluck();
  const userId = db.prepare('SELECT id FROM users WHERE name = ? ORDER BY id LIMIT 1').pluck();
  const groupId = db.prepare('SELECT id FROM groups WHERE name = ?').pluck();
  const templateName = db.prepare('SELECT name FROM document_templates WHERE id = ?').pluck();
  const templateId = db.prepare('SELECT id FROM document_templates WHERE name = ?').pluck();
  return {
    userName: (id) => (userName.get(id) as string | undefined) ?? null,
    groupName: (id) => (groupName.get(id) as string | undefined) ?? null,
    userIdByName: (name) => (userId.get(name) as number | undefined) ?? null,
    groupIdByName: (name) => (groupId.get(name) as number | undefined) ?? null,
    templateName: (id) => (templateName.get(id) as string | undefined) ?? null,
    templateIdByName: (name) => (templateId.get(name) as number | undefined) ?? null,
    userExists: (id) => userName.get(id) !== undefined,
    groupExists: (id) => groupName.get(id) !== undefined,
  };
}

/** Every user and group, as a CSV import may name them (see peopleFinder). */
export function readPeopleLists(db: Db): PeopleLists {
  return {
    users: db.prepare('SELECT id, name, initials, email FROM users ORDER BY id').all() as PeopleLists['users'],
    groups: db.prepare('SELECT id, name FROM groups ORDER BY id').all() as PeopleLists['groups'],
  };
}
