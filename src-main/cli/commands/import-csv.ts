import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { withApp } from '../cli-app';
import { CliError, EXIT_OK, EXIT_SOME_ROWS_FAILED } from '../cli-error';
import { stringList, stringOption, type CliCommand } from '../command';
import { fieldErrorText } from '../field-error-text';
import { findUser, findWorkflow } from '../lookups';
import { readFileBytes } from '../read-text-file';

/** `--map "Header=field_key"`: split at the last `=`, since field keys never hold one and headers might. */
function parseMapping(entries: string[], fieldKeys: ReadonlySet<string>): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const header = at > 0 ? entry.slice(0, at).trim() : '';
    const key = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!header || !key) throw new CliError(`--map needs the form "Column header=field_key" (got "${entry}").`);
    if (!fieldKeys.has(key)) throw new CliError(`--map "${entry}": there is no field "${key}". Fields: ${[...fieldKeys].join(', ')}.`);
    if (header in mapping) throw new CliError(`--map: the column "${header}" is mapped twice.`);
    mapping[header] = key;
  }
  return mapping;
}

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file.csv> --workflow <name|id> [--map "Header=field_key" ...] [--as <user name|id>]',
  summary: 'Import records from a CSV file into a workflow.',
  details: [
    'The file may be separated by ; , or tab, in UTF-8 or Windows-1252. The first line',
    'holds the column headers. Without --map, columns are matched to fields by header',
    '(field key or label); give --map once per column to choose yourself. Unmapped',
    'columns are ignored. Every row is checked first: good rows are imported in one',
    'go, bad rows are listed by line number and left out.',
    '--as names the caseworker the import is recorded for in the audit trail.',
    'Exit code 0 when every row was imported, 2 when some rows were left out.',
  ],
  options: { workflow: { type: 'string' }, map: { type: 'string', multiple: true }, as: { type: 'string' } },
  async run({ args, options, dbFile, dbGiven, io }) {
    if (args.length !== 1) throw new CliError('Give exactly one CSV file: import <file.csv> --workflow <name|id>.');
    const file = args[0] as string;
    const bytes = readFileBytes(file);
    return withApp({ dbFile, dbGiven }, async (app) => {
      const { services } = app;
      const ws = services.workspace.snapshot();
      const wanted = stringOption(options, 'workflow');
      if (wanted === undefined) {
        const known = ws.workflows.map((w) => `"${w.name}" (id ${w.id})`).join(', ') || 'none yet';
        throw new CliError(`Choose the workflow with --workflow <name|id>. Workflows: ${known}.`);
      }
      const workflow = findWorkflow(ws.workflows, wanted);
      const as = stringOption(options, 'as');
      const user = as === undefined ? null : findUser(services.users.listUsers(), as);

      let mapping = parseMapping(stringList(options, 'map'), new Set(ws.fieldsByKey.keys()));
      // Started once the options are known to be good (a refused command need not wait for it).
      services.csvRowChecking.warmUp();
      // Decoded, read and checked by the same code as the app's import screen (one decoder for both).
      const preview = await services.csvImport.preview({ bytes: new Uint8Array(bytes) });
      if (Object.keys(mapping).length === 0) {
        mapping = preview.suggestedMapping;
        if (Object.keys(mapping).length === 0) {
          throw new CliError(
            `No column header matches a field, so nothing would be imported. Map the columns with --map "Header=field_key". ` +
              `Headers: ${preview.headers.join(', ')}. Fields: ${ws.fields.map((f) => f.key).join(', ')}.`,
          );
        }
        const ignored = preview.headers.filter((h) => !(h in mapping));
        if (ignored.length) io.out(`Columns without a matching field are ignored: ${ignored.join(', ')}.`);
      }
      if (preview.headerLooksLikeData.length) {
        io.out(`Warning: the first line looks like data, not column headers (${preview.headerLooksLikeData.length} of its cells). It is read as the header row.`);
      }
      const { duplicateCprs } = preview;
      if (duplicateCprs.inFile) io.out(`${rows(duplicateCprs.inFile)} repeat a CPR number of an earlier row; they are left out.`);
      if (duplicateCprs.existing) io.out(`${rows(duplicateCprs.existing)} have a CPR number an existing record has; they are left out.`);
      if (preview.encoding === 'windows-1252') io.out('The file is not UTF-8; it was read as Windows-1252 (Western European).');
      io.out(`Importing ${basename(file)} into "${workflow.name}": ${Object.entries(mapping).map(([h, k]) => `${h} → ${k}`).join(', ')}.`);

      const reportId = randomBytes(18).toString('base64url');
      const { report } = await services.csvImport.run(
        { bytes },
        { workflowId: workflow.id, mapping, fileName: basename(file) },
        { userId: user?.id ?? null, via: 'csv import' },
        reportId,
      );
      io.out(`Imported ${report.imported} ${report.imported === 1 ? 'record' : 'records'}; ${rows(report.failed)} failed.`);
      // Every refused line: the CLI's output is the administrator's full report.
      for (const row of services.csvImport.reportPage(reportId, 0, report.failed).rows) {
        io.out(`  Line ${row.line}: ${row.errors.map((e) => fieldErrorText(e, ws.fieldsByKey)).join('; ')}`);
      }
      const initial = workflow.statuses.find((s) => s.id === workflow.initialStatusId);
      if (report.imported > 0 && initial?.actions.some((a) => a.enabled)) {
        io.out(`Status actions of "${initial.name}" are queued for the new records; they run while the app is open, or now with: jobs run.`);
      }
      return report.failed > 0 ? EXIT_SOME_ROWS_FAILED : EXIT_OK;
    });
  },
};
