import type { MethodInput } from '../../../src-main/contract';

export type SortBy = NonNullable<MethodInput<'listRecords'>['sortBy']>;
export type SortDir = 'asc' | 'desc';

/** Everything that selects and orders the list; paging is added per request. */
export type ListQuery = Omit<MethodInput<'listRecords'>, 'offset' | 'limit'>;

export interface Filters {
  search: string;
  workflowId: number | null;
  statusId: number | null;
  responsibleUserId: number | null;
  responsibleGroupId: number | null;
  sortBy: SortBy;
  sortDir: SortDir;
}

export const DEFAULT_FILTERS: Filters = {
  search: '',
  workflowId: null,
  statusId: null,
  responsibleUserId: null,
  responsibleGroupId: null,
  sortBy: 'updatedAt',
  sortDir: 'desc',
};

/** The contract wants absent keys, not nulls, for unused filters. */
export function toQuery(filters: Filters, search: string, mine: boolean): ListQuery {
  const query: ListQuery = { sortBy: filters.sortBy, sortDir: filters.sortDir };
  if (mine) query.mine = true;
  if (search.trim()) query.search = search.trim();
  if (filters.workflowId !== null) query.workflowId = filters.workflowId;
  if (filters.statusId !== null) query.statusId = filters.statusId;
  if (filters.responsibleUserId !== null) query.responsibleUserId = filters.responsibleUserId;
  if (filters.responsibleGroupId !== null) query.responsibleGroupId = filters.responsibleGroupId;
  return query;
}
