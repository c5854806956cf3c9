import { SIGNING_METHOD_NAMES } from './signing-names';
import { TIMED_ACTION_METHOD_NAMES } from './timed-actions-names';
import { NOTIFICATION_METHOD_NAMES } from './notification-names';

import { MITID_METHOD_NAMES } from './mitid-names';
// The names of every method the renderer may call. Kept apart from the schemas so
// the preload script can build its one exposed object without bundling zod.

import { DIGITAL_POST_METHOD_NAMES } from './digital-post-names';
import { DOCUMENT_METHOD_NAMES } from './document-names';
import { SANDBOX_METHOD_NAMES } from './sandbox-names';
import { ACCESS_METHOD_NAMES } from './access-names';
import { PHYSICAL_POST_METHOD_NAMES } from './physical-post-names';
import { CONNECTION_TEST_METHOD_NAMES } from './connection-test-names';

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
  'previewWorkspaceImport',
  'importWorkspace',
  'listRecords',
  'getRecord',
  'createRecord',
  'updateRecord',
  'revealCpr',
  'previewStatusChange',
  'changeStatus',
  'changeStatusMany',
  'previewCsvImport',
  'runCsvImport',
  'startCsvUpload',
  'appendCsvUpload',
  'getCsvImportProgress',
  'getCsvImportReport',
  ...SIGNING_METHOD_NAMES,
  ...NOTIFICATION_METHOD_NAMES,
  ...TIMED_ACTION_METHOD_NAMES,
  ...DIGITAL_POST_METHOD_NAMES,
  ...DOCUMENT_METHOD_NAMES,
  ...MITID_METHOD_NAMES,
  ...SANDBOX_METHOD_NAMES,
  ...ACCESS_METHOD_NAMES,
  ...PHYSICAL_POST_METHOD_NAMES,
  ...CONNECTION_TEST_METHOD_NAMES,
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
