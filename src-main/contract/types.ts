import { NOTIFICATION_EVENT_NAMES, type NotificationEventMap } from './notification-names';
import type { ActionTiming, GuardFailureView } from './timed-actions';
import type { SessionAccessView } from './access';

// Shapes that cross from main to the renderer. Plain data only: everything here
// must survive structured clone (IPC) and JSON (the browser transport).

export const FIELD_TYPES = [
  'text',
  'longtext',
  'number',
  'date',
  'choice',
  'yesno',
  'cpr',
  'email',
  'phone',
  'user',
  'group',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * A role ties a field to a column the store keeps on the record itself, so that
 * lists can search, filter and sort on it without touching the field values.
 * At most one field per role in a workspace.
 */
export const FIELD_ROLES = ['name', 'cpr', 'responsible_user', 'responsible_group'] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

export interface FieldDef {
  id: number;
  /** Stable machine key used in imports, exports and templates, e.g. `navn`. */
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Choices for `choice` fields. */
  options: string[];
  role: FieldRole | null;
  showInList: boolean;
  sortOrder: number;
}

export interface StatusActionDef {
  id: number;
  statusId: number;
  /** Key in the action type registry, e.g. `set_field`, `assign_responsible`. */
  type: string;
  name: string;
  params: Record<string, unknown>;
  enabled: boolean;
  sortOrder: number;
  /** On enter (default), on leave or after a delay (issue 7). */
  timing?: ActionTiming;
}

export interface StatusDef {
  id: number;
  workflowId: number;
  name: string;
  color: string;
  isFinal: boolean;
  sortOrder: number;
  actions: StatusActionDef[];
}

export interface TransitionDef {
  id: number;
  workflowId: number;
  fromStatusId: number;
  toStatusId: number;
  label: string;
  /** Guard types that must pass before a record takes this transition (issue 7). */
  guards?: string[];
}

export interface WorkflowDef {
  id: number;
  name: string;
  description: string;
  initialStatusId: number | null;
  statuses: StatusDef[];
  transitions: TransitionDef[];
}

export interface UserView {
  id: number;
  name: string;
  initials: string;
  email: string;
  isAdmin: boolean;
  groupIds: number[];
}

export interface GroupView {
  id: number;
  name: string;
  memberIds: number[];
}

export interface WorkspaceView {
  fields: FieldDef[];
  workflows: WorkflowDef[];
  users: UserView[];
  groups: GroupView[];
}

/** One thing a workspace import would create or change (it never deletes). */
export interface WorkspaceImportChange {
  kind: 'group' | 'user' | 'field' | 'template' | 'workflow' | 'questionnaire' | 'settings';
  /** The field's key, the integration's name, or the item's name or title. */
  name: string;
  change: 'new' | 'changed';
}

/** What importing a workspace file would do, shown to the administrator before anything changes. */
export interface WorkspaceImportPreview {
  changes: WorkspaceImportChange[];
  /** Items in the file that are already here exactly as they are (or, for users and groups, already here). */
  unchanged: number;
}

export interface ActionTypeView {
  type: string;
  /** i18n key for the action type's name. */
  labelKey: string;
}

export interface RecordSummary {
  id: number;
  /** Human record number, e.g. `2026-000123`. */
  number: string;
  workflowId: number;
  statusId: number;
  name: string;
  /** `DDMMYY-****`, or empty when the record has no CPR. */
  cprMasked: string;
  responsibleUserId: number | null;
  responsibleGroupId: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RecordPage {
  total: number;
  offset: number;
  rows: RecordSummary[];
  /** The search held no letter or digit (only punctuation): it matched nothing. */
  searchHasNoWords?: true;
}

export interface StatusHistoryEntry {
  id: number;
  fromStatusId: number | null;
  toStatusId: number;
  userId: number | null;
  comment: string;
  at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  action: string;
  /** Details with CPR numbers already masked. */
  details: Record<string, unknown>;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobAttemptView {
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'succeeded' | 'failed' | 'running';
  message: string;
}

export interface JobView {
  id: number;
  actionId: number | null;
  actionName: string;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  nextRunAt: string | null;
  lastError: string;
  createdAt: string;
  finishedAt: string | null;
  attemptLog: JobAttemptView[];
}

export interface RecordDetail extends RecordSummary {
  /** Field values by field key; CPR fields are masked. */
  values: Record<string, string | null>;
  history: StatusHistoryEntry[];
  audit: AuditEntry[];
  jobs: JobView[];
  /** Statuses this record may move to now. */
  nextStatusIds: number[];
}

export interface StatusChangePreview {
  fromStatusId: number;
  toStatusId: number;
  allowed: boolean;
  /** Human descriptions (already translated by the domain in the UI language) of the actions that will run. */
  actions: { actionId: number; type: string; name: string; description: string }[];
  /** Guards of the transition that refuse it now (issue 7); empty when it may go ahead. */
  guardFailures?: GuardFailureView[];
}

/** The largest CSV file an import takes, in bytes. */
export const CSV_MAX_BYTES = 50_000_000;
/** A CSV file reaches main in pieces of at most this many bytes (appendCsvUpload). */
export const CSV_UPLOAD_PIECE_BYTES = 1024 * 1024;

export interface CsvPreview {
  headers: string[];
  sampleRows: string[][];
  rowCount: number;
  /** Suggested column → field key mapping by matching header names. */
  suggestedMapping: Record<string, string>;
  /** How the file's bytes were read (the CLI and the import screen share one decoder). */
  encoding: 'utf-8' | 'windows-1252';
  /** Header cells that look like data (a CPR number, a date, a number, an e-mail): the file may have no header row. */
  headerLooksLikeData: string[];
  /** CPR numbers (in the column the suggested mapping puts into the CPR field) that are in the file twice or held by a record already. */
  duplicateCprs: CsvDuplicateCprs;
}

export interface CsvDuplicateCprs {
  inFile: number;
  /** The first lines of them; the count says how many in all. */
  inFileLines: number[];
  existing: number;
  existingLines: number[];
  /** False when the store's CPR numbers could not be read (then `existing` is 0 without meaning none). */
  existingChecked: boolean;
}

export interface CsvRowError {
  /** 1-based line in the file, counting the header as line 1. */
  line: number;
  errors: { field: string; key: string; params?: Record<string, string | number> }[];
}

/**
 * The answer of an import: a summary, not every row. The first refused rows
 * come along; all of them are read page by page with getCsvImportReport.
 */
export interface CsvImportReport {
  imported: number;
  failed: number;
  /** The first refused rows (at most CSV_REPORT_FIRST_ERRORS), in file order. */
  rowErrors: CsvRowError[];
  /** Reads every refused row (getCsvImportReport) for as long as the app runs. */
  reportId: string;
  encoding: 'utf-8' | 'windows-1252';
}

/** How far an import has come (the import screen polls this while it runs). */
export interface CsvImportProgress {
  phase: 'checking' | 'writing' | 'done' | 'failed';
  rowsRead: number;
  /** Estimated from the share of the file read while the import runs (null at first), exact when every row is read. */
  rowsToWrite: number | null;
  rowsWritten: number;
}

export interface CsvReportPage {
  total: number;
  offset: number;
  rows: CsvRowError[];
}

export interface AppInfo {
  version: string;
  sandbox: boolean;
  transport: 'electron' | 'web';
  dataDir: string;
}

export interface SessionView {
  user: UserView | null;
  /** Sign-in policy, lock and kiosk state (issue 13). */
  access: SessionAccessView;
}

export type Language = 'da' | 'en';

export interface SettingsView {
  language: Language;
}

/** Events main pushes to every renderer. */
export interface EventMap extends NotificationEventMap {
  recordsChanged: { recordIds: number[] };
  jobsChanged: { recordId: number };
  workspaceChanged: Record<string, never>;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES = ['recordsChanged', 'jobsChanged', 'workspaceChanged', ...NOTIFICATION_EVENT_NAMES] as const satisfies readonly EventName[];
