import type { CsvImportReport, CsvPreview, CsvRowError, FieldDef } from '../contract';
import type { Actor, RecordsService } from '../records/records-service';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { parseCsv } from './parse-csv';

const normalise = (s: string) => s.toLocaleLowerCase('da-DK').replace(/[^\p{L}\p{N}]/gu, '');

export function previewCsv(text: string, fields: FieldDef[]): CsvPreview {
  const { headers, rows } = parseCsv(text);
  const suggestedMapping: Record<string, string> = {};
  for (const header of headers) {
    const match = fields.find((f) => normalise(f.key) === normalise(header) || normalise(f.label) === normalise(header));
    if (match) suggestedMapping[header] = match.key;
  }
  return { headers, sampleRows: rows.slice(0, 5).map((r) => r.cells), rowCount: rows.length, suggestedMapping };
}

/**
 * Imports rows as new records. Every row is checked first; the good rows are
 * then written in one transaction and the bad ones reported with their line
 * numbers, so each row is either fully imported or not at all.
 */
export function importCsv(
  deps: { db: Db; workspace: WorkspaceRepo; records: RecordsService },
  args: { csv: string; workflowId: number; mapping: Record<string, string> },
  actor: Actor,
): CsvImportReport {
  const ws = deps.workspace.snapshot();
  const workflow = ws.workflowsById.get(args.workflowId);
  if (!workflow) throw notFound('Workflow');
  if (workflow.initialStatusId === null) throw new DomainError('invalid_input', `the workflow "${workflow.name}" has no initial status`);
  const { headers, rows } = parseCsv(args.csv);
  const columns: { index: number; fieldKey: string }[] = [];
  for (const [header, fieldKey] of Object.entries(args.mapping)) {
    const index = headers.indexOf(header);
    if (index < 0) throw new DomainError('invalid_input', `the file has no column "${header}"`);
    if (!ws.fieldsByKey.has(fieldKey)) throw new DomainError('invalid_input', `unknown field "${fieldKey}"`);
    columns.push({ index, fieldKey });
  }
  if (columns.length === 0) throw new DomainError('invalid_input', 'map at least one column to a field');
  const rowErrors: CsvRowError[] = [];
  const good: ReturnType<RecordsService['checkValues']>['clean'][] = [];
  const check = deps.records.batchChecker(ws, true);
  for (const row of rows) {
    const values: Record<string, string | null> = {};
    for (const c of columns) values[c.fieldKey] = row.cells[c.index] ?? null;
    const { clean, errors } = check(values);
    if (errors.length) rowErrors.push({ line: row.line, errors });
    else good.push(clean);
  }
  const recordIds = deps.db
    .transaction(() => good.map((clean) => deps.records.insert(ws, args.workflowId, workflow.initialStatusId as number, clean, actor)))
    .immediate();
  return { imported: recordIds.length, failed: rowErrors.length, rowErrors, recordIds };
}
