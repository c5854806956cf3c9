import type { MethodParsed, RecordPage } from '../contract';
import { checkCpr } from '../cpr/cpr';
import { isRealDate } from '../shared/calendar';
import { danishSpellings } from './danish-spellings';
import type { Db } from '../store/database';
import { preparedOnce } from '../store/statement-cache';
import { RECORD_COLUMNS, toSummary, type RecordRow } from './record-row';

export type ListQuery = MethodParsed<'listRecords'>;

const SORT_COLUMNS = {
  number: 'r.id',
  name: 'r.name_key',
  status: 'r.status_id',
  updatedAt: 'r.updated_at',
  // Records are numbered in the order they are made (the id is taken in the
  // creating transaction), so creation order is number order, walked by the
  // number index (migration 009 dropped the creation-time index).
  createdAt: 'r.id',
} as const;

const RECORD_NUMBER = /^\d{4}-\d{1,8}$/;
/** Digits alone: the sequence part of a record number (199 for 2026-000199), or a birth date. */
const DIGITS = /^\d{1,8}$/;

/**
 * Turns free text into an FTS5 query of word prefixes ("jens han" → "jens"* AND "han"*),
 * each word in all its Danish spellings ("aase" → ("aase"* OR "åse"*), see danishSpellings).
 * Quotes are doubled so user input can never become FTS syntax.
 */
export function ftsPrefixQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const terms = danishSpellings(w).map((s) => `"${s.replace(/"/g, '""')}"*`);
      return terms.length === 1 ? terms[0] : `(${terms.join(' OR ')})`;
    })
    .join(' AND ');
}

/** The letters-and-digits words of a search, lower-cased, at most eight. */
const searchWords = (text: string): string[] =>
  text
    .toLocaleLowerCase('da-DK')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);

/** A birth date as the list shows it (190347 of 190347-****): ddmmyy of some real day in any century. */
function isBirthDate(digits: string): boolean {
  if (!/^\d{6}$/.test(digits)) return false;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const year = Number(digits.slice(4, 6));
  // 29 February exists in 2000, so any yy that is a leap year in some century counts.
  return isRealDate(2000 + year, month, day);
}

/**
 * One page of records for the list view. Filters and sorts on the hot columns so
 * every combination is served by an index; `mine` expands to the user's groups.
 */
export function listRecords(db: Db, q: ListQuery, currentUser: { id: number; groupIds: number[] } | null): RecordPage {
  // One read transaction: the count and the page come from the same snapshot,
  // which the page walked from the end relies on.
  return db.transaction(() => listInSnapshot(db, q, currentUser))();
}

function listInSnapshot(db: Db, q: ListQuery, currentUser: { id: number; groupIds: number[] } | null): RecordPage {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const search = q.search?.trim() ?? '';
  let nameSearch = false;
  // CPR and record-number searches match one record (at most a few) by their own index.
  let exactSearch = false;
  if (search) {
    const cpr = /^\d{6}-?\d{4}$/.test(search) ? checkCpr(search) : null;
    if (cpr) {
      // A CPR-shaped search only ever matches exactly (the quoted ten-digit token
      // in the CPR search index, migration 009); an invalid one matches nothing.
      where.push('r.id IN (SELECT rowid FROM records_cpr WHERE records_cpr MATCH ?)');
      args.push(cpr.ok ? `"${cpr.cpr}"` : '"none"');
      exactSearch = true;
    } else if (RECORD_NUMBER.test(search)) {
      where.push('r.number = ?');
      const [year, seq] = search.split('-') as [string, string];
      args.push(`${year}-${seq.padStart(6, '0')}`);
      exactSearch = true;
    } else if (DIGITS.test(search)) {
      // A record number's sequence part is its id (recordNumber). Six digits may
      // also be a birth date: every CPR starting with them, as a prefix of the
      // ten-digit token in the CPR index (nothing new is stored for it).
      if (isBirthDate(search)) {
        where.push('(r.id = ? OR r.id IN (SELECT rowid FROM records_cpr WHERE records_cpr MATCH ?))');
        args.push(Number(search), `"${search}"*`);
      } else {
        where.push('r.id = ?');
        args.push(Number(search));
      }
      exactSearch = true;
    } else {
      const match = ftsPrefixQuery(search);
      // Punctuation alone names no record: it matches nothing (a mailing filter
      // like that must not select everyone), and the page says why.
      if (!match) return { total: 0, offset: q.offset, rows: [], searchHasNoWords: true };
      where.push('r.id IN (SELECT rowid FROM records_search WHERE records_search MATCH ?)');
      args.push(match);
      nameSearch = true;
    }
  }
  if (q.workflowId !== undefined) {
    where.push('r.workflow_id = ?');
    args.push(q.workflowId);
    // Every status belongs to one workflow, so a workflow's records are its
    // statuses' records: counted from records_by_status (migration 009 dropped
    // the workflow index that every insert and status change had to keep up).
    if (q.statusId === undefined) {
      where.push('r.status_id IN (SELECT id FROM statuses WHERE workflow_id = ?)');
      args.push(q.workflowId);
    }
  }
  if (q.statusId !== undefined) {
    where.push('r.status_id = ?');
    args.push(q.statusId);
  }
  if (q.responsibleUserId !== undefined) {
    where.push('r.responsible_user_id = ?');
    args.push(q.responsibleUserId);
  }
  if (q.responsibleGroupId !== undefined) {
    where.push('r.responsible_group_id = ?');
    args.push(q.responsibleGroupId);
  }
  let mine: { userId: number; groups: number[] } | null = null;
  if (q.mine) {
    if (!currentUser) return { total: 0, offset: q.offset, rows: [] };
    const groups = currentUser.groupIds.slice(0, 500);
    const groupClause = groups.length ? ` OR r.responsible_group_id IN (${groups.map(() => '?').join(',')})` : '';
    where.push(`(r.responsible_user_id = ?${groupClause})`);
    args.push(currentUser.id, ...groups);
    mine = { userId: currentUser.id, groups };
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sortBy = q.sortBy ?? 'updatedAt';
  const sortColumn = SORT_COLUMNS[sortBy];
  const dir = q.sortDir === 'asc' ? 'ASC' : 'DESC';
  const total =
    mine && where.length === 1 && mine.groups.length > 0
      ? countMine(db, mine.userId, mine.groups)
      : countRecords(db, whereSql, args, nameSearch && where.length === 1 ? (args[0] as string) : null);
  const order = `ORDER BY ${sortColumn} ${dir}, r.id ${dir}`;
  // Step 1: the page's ids, by walking the sort order's list index (migration
  // 008), which holds every filter column, so OFFSET skips index entries
  // without reading a single record. Name-search matches come from the FTS
  // index in no useful order: few matches are read and sorted, many are found
  // by the same walk, checked against the matches.
  const walk = !exactSearch && (!nameSearch || walkListIndexForSearch(db, total, q));
  const from = walk ? `records r INDEXED BY ${LIST_INDEXES[sortBy]}` : 'records r';
  // A page in the far half is reached from the other end: the walk is then at
  // most half the matches long instead of all of them.
  const fromEnd = walk && q.offset > total / 2;
  let ids: number[];
  if (fromEnd) {
    const limit = Math.max(0, Math.min(q.limit, total - q.offset));
    const reversed = `ORDER BY ${sortColumn} ${dir === 'ASC' ? 'DESC' : 'ASC'}, r.id ${dir === 'ASC' ? 'DESC' : 'ASC'}`;
    ids = limit === 0 ? [] : (db.prepare(`SELECT r.id FROM ${from} ${whereSql} ${reversed} LIMIT ? OFFSET ?`).pluck().all(...args, limit, total - q.offset - limit) as number[]).reverse();
  } else {
    ids = db.prepare(`SELECT r.id FROM ${from} ${whereSql} ${order} LIMIT ? OFFSET ?`).pluck().all(...args, q.limit, q.offset) as number[];
  }
  // Step 2: just those rows, by primary key, in the page's order.
  return { total, offset: q.offset, rows: rowsInOrder(db, ids).map(toSummary) };
}

/** The index each sort order walks; its first columns are the sort key and the id (the tie-breaker). */
const LIST_INDEXES = {
  number: 'records_list_by_number',
  name: 'records_list_by_name',
  status: 'records_by_status',
  updatedAt: 'records_list_by_updated',
  createdAt: 'records_list_by_number',
} as const;

/**
 * Whether a name search's page is found faster by walking the list index in
 * sort order (about (offset + limit) × records / matches entries, ~30 ns each)
 * than by reading every match and sorting (~1 µs each). "ma" matches 18,000 of
 * 100,000 records: the walk takes ~2 ms, reading and sorting ~27 ms; "niels th"
 * matches 300: sorting wins.
 */
function walkListIndexForSearch(db: Db, matches: number, q: ListQuery): boolean {
  const records = (preparedOnce(db, 'SELECT max(id) FROM records').pluck().get() as number | null) ?? 0;
  return matches * matches * 30 > (q.offset + q.limit) * records;
}

/**
 * How many records match. A name search without other filters is counted in
 * the FTS index alone: records are never deleted, and every record with a name
 * has exactly one entry there (RecordsService keeps them in step), so this is
 * the same number without reading thousands of records.
 */
function countRecords(db: Db, whereSql: string, args: (string | number)[], ftsOnly: string | null): number {
  const sql = ftsOnly !== null ? 'SELECT count(*) FROM records_search WHERE records_search MATCH ?' : `SELECT count(*) FROM records r ${whereSql}`;
  return db.prepare(sql).pluck().get(...args) as number;
}

/**
 * "My records" counted as mine + my groups' − both, three covering index
 * ranges; counting the OR directly reads every matching record (~2 ms).
 */
function countMine(db: Db, userId: number, groups: number[]): number {
  const inGroups = groups.map(() => '?').join(',');
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM records WHERE responsible_user_id = ?)
            + (SELECT count(*) FROM records WHERE responsible_group_id IN (${inGroups}))
            - (SELECT count(*) FROM records WHERE responsible_user_id = ? AND responsible_group_id IN (${inGroups}))`,
    )
    .pluck()
    .get(userId, ...groups, userId, ...groups) as number;
}

function rowsInOrder(db: Db, ids: number[]): RecordRow[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records r WHERE r.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as RecordRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
