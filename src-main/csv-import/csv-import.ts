import type { CsvImportReport, CsvPreview, CsvRowError, FieldDef } from '../contract';
import { maskCprsInText } from '../cpr/cpr-text';
import type { Actor, RecordsService } from '../records/records-service';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { readPeopleLists } from '../users/directory';
import { openCsv } from './parse-csv';
import type { RowCheckingThread } from './row-checking-thread';

/** From about 1,000 rows on, a second thread pays for itself; smaller files are read on this one. */
const SECOND_THREAD_FROM_BYTES = 256 * 1024;

/** Whether importing this file reads its rows on the second thread (then it is worth starting it early). */
export const readsOnSecondThread = (csv: string): boolean => csv.length >= SECOND_THREAD_FROM_BYTES;

const normalise = (s: string) => s.toLocaleLowerCase('da-DK').replace(/[^\p{L}\p{N}]/gu, '');

export function previewCsv(text: string, fields: FieldDef[]): CsvPreview {
  const file = openCsv(text);
  const { headers } = file;
  const suggestedMapping: Record<string, string> = {};
  for (const header of headers) {
    const match = fields.find((f) => normalise(f.key) === normalise(header) || normalise(f.label) === normalise(header));
    if (match) suggestedMapping[header] = match.key;
  }
  // Counted as they stream past: a large file's rows are not kept just to be counted.
  const sampleRows: string[][] = [];
  let rowCount = 0;
  file.eachRow(({ cells }) => {
    // The preview shows CPR numbers masked, like every other view; the import reads them whole.
    if (sampleRows.length < 5) sampleRows.push(cells.map(maskCprsInText));
    rowCount += 1;
  });
  return { headers, sampleRows, rowCount, suggestedMapping };
}

/**
 * Imports rows as new records. The good rows are written in one transaction
 * and the bad ones reported with their line numbers, so each row is either
 * fully imported or not at all, and a failure part-way leaves no record behind.
 * Rows are read, checked and written one after the other inside that
 * transaction, so the file's cells are never all in memory at once.
 */
export function importCsv(
  deps: { db: Db; workspace: WorkspaceRepo; records: RecordsService; csvRowChecking?: RowCheckingThread },
  args: { csv: string; workflowId: number; mapping: Record<string, string> },
  actor: Actor,
): CsvImportReport {
  const ws = deps.workspace.snapshot();
  const workflow = ws.workflowsById.get(args.workflowId);
  if (!workflow) throw notFound('Workflow');
  if (workflow.initialStatusId === null) throw new DomainError('invalid_input', `the workflow "${workflow.name}" has no initial status`);
  const file = openCsv(args.csv);
  const { headers } = file;
  const columns: number[] = [];
  const fields: FieldDef[] = [];
  for (const [header, fieldKey] of Object.entries(args.mapping)) {
    const index = headers.indexOf(header);
    if (index < 0) throw new DomainError('invalid_input', `the file has no column "${header}"`);
    const field = ws.fieldsByKey.get(fieldKey);
    if (!field) throw new DomainError('invalid_input', `unknown field "${fieldKey}"`);
    if (fields.includes(field)) throw new DomainError('invalid_input', `two columns are mapped to the field "${fieldKey}"`);
    columns.push(index);
    fields.push(field);
  }
  if (columns.length === 0) throw new DomainError('invalid_input', 'map at least one column to a field');
  const rowErrors: CsvRowError[] = [];
  const target = { workflowId: args.workflowId, statusId: workflow.initialStatusId };
  // Large files are read and checked on a second thread while this one writes.
  const thread = readsOnSecondThread(args.csv) && deps.csvRowChecking?.available() ? deps.csvRowChecking : null;
  const recordIds = deps.db
    .transaction(() => {
      const writer = deps.records.batchWriter(ws, target, fields, actor);
      // Read inside the transaction, which holds the write lock: nobody can add or remove one until it ends.
      const people = readPeopleLists(deps.db);
      if (thread) {
        for (const rows of thread.check({ csv: args.csv, allFields: ws.fields, fields, columns, people })) {
          for (const record of rows.records) writer.addPrepared(record);
          for (const refused of rows.refused) rowErrors.push(refused);
        }
      } else {
        const check = deps.records.rowChecker(ws, fields, columns, people);
        file.eachRow((row) => {
          const checked = check(row.cells);
          if (checked.errors) rowErrors.push({ line: row.line, errors: checked.errors });
          else writer.add(checked.values);
        });
      }
      return writer.finish();
    })
    .immediate();
  return { imported: recordIds.length, failed: rowErrors.length, rowErrors, recordIds };
}
