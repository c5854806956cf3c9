import { MITID_METHOD_NAMES } from './mitid-names';
// The names of every method the renderer may call. Kept apart from the schemas so
// the preload script can build its one exposed object without bundling zod.

export const METHOD_NAMES = [
  'getAppInfo',
  'getSettings',
  'updateSettings',
  'listUsers',
  'getSession',
  'selectUser',
  'getWorkspace',
  'listActionTypes',
  'saveField',
  'deleteField',
  'saveWorkflow',
  'deleteWorkflow',
  'saveStatus',
  'deleteStatus',
  'saveTransition',
  'deleteTransition',
  'saveStatusAction',
  'deleteStatusAction',
  'saveUser',
  'saveGroup',
  'exportWorkspace',
  'importWorkspace',
  'listRecords',
  'getRecord',
  'createRecord',
  'updateRecord',
  'revealCpr',
  'previewStatusChange',
  'changeStatus',
  'previewCsvImport',
  'runCsvImport',
  ...MITID_METHOD_NAMES,
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
