import type { GroupView, UserView } from '../contract';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';

interface UserRow {
  id: number;
  name: string;
  initials: string;
  email: string;
  is_admin: number;
}

/** Caseworkers (local profiles), groups and who belongs where. */
export class UsersRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  listUsers(): UserView[] {
    const memberships = this.db.prepare('SELECT user_id, group_id FROM memberships').all() as {
      user_id: number;
      group_id: number;
    }[];
    const groupsOf = new Map<number, number[]>();
    for (const m of memberships) groupsOf.set(m.user_id, [...(groupsOf.get(m.user_id) ?? []), m.group_id]);
    const rows = this.db.prepare('SELECT id, name, initials, email, is_admin FROM users ORDER BY name').all() as UserRow[];
    return rows.map((r) => toUser(r, groupsOf.get(r.id) ?? []));
  }

  getUser(id: number): UserView | null {
    const row = this.db.prepare('SELECT id, name, initials, email, is_admin FROM users WHERE id = ?').get(id) as
      | UserRow
      | undefined;
    if (!row) return null;
    return toUser(row, this.groupIdsOf(id));
  }

  groupIdsOf(userId: number): number[] {
    return (
      this.db.prepare('SELECT group_id FROM memberships WHERE user_id = ? ORDER BY group_id').all(userId) as {
        group_id: number;
      }[]
    ).map((r) => r.group_id);
  }

  listGroups(): GroupView[] {
    const members = this.db.prepare('SELECT user_id, group_id FROM memberships').all() as {
      user_id: number;
      group_id: number;
    }[];
    const byGroup = new Map<number, number[]>();
    for (const m of members) byGroup.set(m.group_id, [...(byGroup.get(m.group_id) ?? []), m.user_id]);
    const rows = this.db.prepare('SELECT id, name FROM groups ORDER BY name').all() as { id: number; name: string }[];
    return rows.map((g) => ({ id: g.id, name: g.name, memberIds: byGroup.get(g.id) ?? [] }));
  }

  saveUser(input: {
    id?: number | undefined;
    name: string;
    initials: string;
    email: string;
    isAdmin: boolean;
    groupIds: number[];
  }): UserView {
    const known = new Set(this.listGroups().map((g) => g.id));
    const unknown = input.groupIds.find((g) => !known.has(g));
    if (unknown !== undefined) throw new DomainError('invalid_input', `group ${unknown} does not exist`);
    const save = this.db.transaction(() => {
      let id = input.id;
      if (id === undefined) {
        id = Number(
          this.db
            .prepare('INSERT INTO users (name, initials, email, is_admin, created_at) VALUES (?, ?, ?, ?, ?)')
            .run(input.name, input.initials, input.email, input.isAdmin ? 1 : 0, isoAt(this.clock.now())).lastInsertRowid,
        );
      } else {
        const changed = this.db
          .prepare('UPDATE users SET name = ?, initials = ?, email = ?, is_admin = ? WHERE id = ?')
          .run(input.name, input.initials, input.email, input.isAdmin ? 1 : 0, id).changes;
        if (changed === 0) throw notFound('User');
      }
      this.db.prepare('DELETE FROM memberships WHERE user_id = ?').run(id);
      const add = this.db.prepare('INSERT INTO memberships (user_id, group_id) VALUES (?, ?)');
      for (const g of new Set(input.groupIds)) add.run(id, g);
      return id;
    });
    const id = save.immediate();
    const user = this.getUser(id);
    if (!user) throw notFound('User');
    return user;
  }

  saveGroup(input: { id?: number | undefined; name: string }): GroupView {
    const clash = this.db.prepare('SELECT id FROM groups WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null);
    if (clash) throw new DomainError('invalid_input', `a group named "${input.name}" already exists`);
    let id = input.id;
    if (id === undefined) {
      id = Number(this.db.prepare('INSERT INTO groups (name) VALUES (?)').run(input.name).lastInsertRowid);
    } else if (this.db.prepare('UPDATE groups SET name = ? WHERE id = ?').run(input.name, id).changes === 0) {
      throw notFound('Group');
    }
    const group = this.listGroups().find((g) => g.id === id);
    if (!group) throw notFound('Group');
    return group;
  }
}

const toUser = (r: UserRow, groupIds: number[]): UserView => ({
  id: r.id,
  name: r.name,
  initials: r.initials,
  email: r.email,
  isAdmin: r.is_admin === 1,
  groupIds,
});
