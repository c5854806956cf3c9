import { z } from 'zod';
import { digitalPostInputs, type DigitalPostMethodResults } from './digital-post';
import { physicalPostInputs, type PhysicalPostMethodResults } from './physical-post';
import { documentMethodInputs, type DocumentMethodResults } from './documents';
import type { MethodName } from './names';
import { signingMethodInputs, type SigningMethodResults } from './signing';
import { notificationInputs, type NotificationResults } from './notifications';
import { mitidMethodInputs, type MitidMethodResults } from './mitid-methods';
import { connectionTestInputs, type ConnectionTestResults } from './connection-tests';
import { sandboxMethodInputs, type SandboxMethodResults } from './sandbox';
import { accessMethodInputs, type AccessMethodResults } from './access-methods';
import { CSV_MAX_BYTES, FIELD_ROLES, FIELD_TYPES } from './types';
import { actionTimingInput, guardTypesInput, timedActionMethodInputs, type TimedActionMethodResults } from './timed-actions';
import type {
  ActionTypeView,
  AppInfo,
  CsvImportProgress,
  CsvImportReport,
  CsvPreview,
  CsvReportPage,
  FieldDef,
  GroupView,
  RecordDetail,
  RecordPage,
  SessionView,
  SettingsView,
  StatusActionDef,
  StatusChangePreview,
  StatusDef,
  TransitionDef,
  UserView,
  WorkflowDef,
  WorkspaceImportPreview,
  WorkspaceView,
} from './types';

// Every input is untrusted: bounded strings, integer ids, no unknown keys.
const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(200);
/** A field value as the renderer sends it; null clears the field. */
const fieldValue = z.string().max(20_000).nullable();
const values = z.record(z.string().max(64), fieldValue).refine((v) => Object.keys(v).length <= 500, {
  message: 'too many fields',
});
const empty = z.strictObject({});
const byId = z.strictObject({ id });
const fieldKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and _');
/**
 * A CSV file is the one large input: up to 50 MB keeps a whole municipality's
 * import in one go. It reaches main in pieces (startCsvUpload, appendCsvUpload),
 * so no single request is large; text inline is for small files only.
 */
const csvText = z.string().max(2_000_000);
const uploadId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/);
/** Either the text of a small file or an uploaded file (the handler refuses both or neither). */
const csvSource = { csv: csvText.optional(), uploadId: uploadId.optional(), firstRowIsData: z.boolean().optional() };

export const methodInputs = {
  getAppInfo: empty,
  getSettings: empty,
  updateSettings: z.strictObject({ language: z.enum(['da', 'en']).optional() }),
  listUsers: empty,
  getSession: empty,
  selectUser: z.strictObject({ userId: id }),
  getWorkspace: empty,
  listActionTypes: empty,
  saveField: z.strictObject({
    id: id.optional(),
    key: fieldKey,
    label: shortText.min(1),
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    options: z.array(shortText.min(1)).max(200),
    role: z.enum(FIELD_ROLES).nullable(),
    showInList: z.boolean(),
    sortOrder: z.int().min(0).max(100_000),
  }),
  deleteField: byId,
  saveWorkflow: z.strictObject({
    id: id.optional(),
    name: shortText.min(1),
    description: z.string().max(2000),
    initialStatusId: id.nullable(),
  }),
  deleteWorkflow: byId,
  saveStatus: z.strictObject({
    id: id.optional(),
    workflowId: id,
    name: shortText.min(1),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    isFinal: z.boolean(),
    sortOrder: z.int().min(0).max(100_000),
  }),
  deleteStatus: byId,
  saveTransition: z.strictObject({
    id: id.optional(),
    workflowId: id,
    fromStatusId: id,
    toStatusId: id,
    label: shortText,
    guards: guardTypesInput.optional(),
  }),
  deleteTransition: byId,
  saveStatusAction: z.strictObject({
    id: id.optional(),
    statusId: id,
    type: z.string().min(1).max(64),
    name: shortText.min(1),
    params: z.record(z.string().max(64), z.unknown()),
    enabled: z.boolean(),
    sortOrder: z.int().min(0).max(100_000),
    timing: actionTimingInput.optional(),
  }),
  deleteStatusAction: byId,
  saveUser: z.strictObject({
    id: id.optional(),
    name: shortText.min(1),
    initials: z.string().min(1).max(8),
    email: z.string().max(200),
    isAdmin: z.boolean(),
    groupIds: z.array(id).max(1000),
  }),
  saveGroup: z.strictObject({ id: id.optional(), name: shortText.min(1) }),
  exportWorkspace: empty,
  previewWorkspaceImport: z.strictObject({ json: z.string().max(5_000_000) }),
  importWorkspace: z.strictObject({ json: z.string().max(5_000_000) }),
  listRecords: z.strictObject({
    search: z.string().max(200).optional(),
    workflowId: id.optional(),
    statusId: id.optional(),
    responsibleUserId: id.optional(),
    responsibleGroupId: id.optional(),
    /** Records where the selected user is responsible, directly or through a group. */
    mine: z.boolean().optional(),
    sortBy: z.enum(['number', 'name', 'status', 'updatedAt', 'createdAt']).optional(),
    sortDir: z.enum(['asc', 'desc']).optional(),
    offset: z.int().min(0).max(10_000_000),
    limit: z.int().min(1).max(500),
  }),
  getRecord: byId,
  createRecord: z.strictObject({ workflowId: id, values }),
  updateRecord: z.strictObject({ id, version: z.int().min(1), values }),
  revealCpr: z.strictObject({ id, fieldKey }),
  previewStatusChange: z.strictObject({ id, toStatusId: id }),
  changeStatus: z.strictObject({ id, version: z.int().min(1), toStatusId: id, comment: z.string().max(2000) }),
  /** A bulk status change: each record moves on its own (a refusal leaves the others); one summary notification per person. */
  changeStatusMany: z.strictObject({ ids: z.array(id).min(1).max(20_000), toStatusId: id, comment: z.string().max(2000) }),
  previewCsvImport: z.strictObject(csvSource),
  runCsvImport: z.strictObject({
    ...csvSource,
    workflowId: id,
    /** CSV header → field key; unmapped headers are ignored. */
    mapping: z.record(z.string().max(200), fieldKey),
    /** The file's name (no path), which the import's summary notification names. */
    fileName: z.string().max(200).optional(),
  }),
  startCsvUpload: z.strictObject({ size: z.int().min(1).max(CSV_MAX_BYTES) }),
  /** One piece of the file, base64 (1 MiB of bytes is 1,398,104 characters). */
  appendCsvUpload: z.strictObject({ uploadId, offset: z.int().min(0).max(CSV_MAX_BYTES), data: z.string().max(1_400_000) }),
  getCsvImportProgress: z.strictObject({ uploadId }),
  getCsvImportReport: z.strictObject({ reportId: uploadId, offset: z.int().min(0).max(CSV_MAX_BYTES), limit: z.int().min(1).max(5000) }),
  ...signingMethodInputs,
  ...notificationInputs,
  ...timedActionMethodInputs,
  ...digitalPostInputs,
  ...documentMethodInputs,
  ...mitidMethodInputs,
  ...sandboxMethodInputs,
  ...accessMethodInputs,
  ...physicalPostInputs,
  ...connectionTestInputs,
} as const satisfies Record<MethodName, z.ZodType>;

/** What each method returns on success. */
export interface MethodResults extends SigningMethodResults, NotificationResults, TimedActionMethodResults, DigitalPostMethodResults,
    DocumentMethodResults,
    MitidMethodResults,
    SandboxMethodResults,
    AccessMethodResults,
    PhysicalPostMethodResults,
    ConnectionTestResults {
  getAppInfo: AppInfo;
  getSettings: SettingsView;
  updateSettings: SettingsView;
  listUsers: UserView[];
  getSession: SessionView;
  selectUser: SessionView;
  getWorkspace: WorkspaceView;
  listActionTypes: ActionTypeView[];
  saveField: FieldDef;
  deleteField: null;
  saveWorkflow: WorkflowDef;
  deleteWorkflow: null;
  saveStatus: StatusDef;
  deleteStatus: null;
  saveTransition: TransitionDef;
  deleteTransition: null;
  saveStatusAction: StatusActionDef;
  deleteStatusAction: null;
  saveUser: UserView;
  saveGroup: GroupView;
  exportWorkspace: { json: string; fileName: string };
  previewWorkspaceImport: WorkspaceImportPreview;
  importWorkspace: WorkspaceView;
  listRecords: RecordPage;
  getRecord: RecordDetail;
  createRecord: RecordDetail;
  updateRecord: RecordDetail;
  revealCpr: { cpr: string };
  previewStatusChange: StatusChangePreview;
  changeStatus: RecordDetail;
  changeStatusMany: { changed: number; refused: { id: number; code: string; message: string }[] };
  previewCsvImport: CsvPreview;
  runCsvImport: CsvImportReport;
  startCsvUpload: { uploadId: string };
  appendCsvUpload: { received: number };
  getCsvImportProgress: CsvImportProgress | null;
  getCsvImportReport: CsvReportPage;
}

export type MethodInput<M extends MethodName> = z.input<(typeof methodInputs)[M]>;
export type MethodParsed<M extends MethodName> = z.output<(typeof methodInputs)[M]>;
