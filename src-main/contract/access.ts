import type { Permission, SignInMethod } from './access-names';
import type { MethodName } from './names';
import { METHOD_NAMES } from './names';

export * from './access-names';

/**
 * Who may call a method, checked by the dispatcher before any handler runs:
 * - `open`: anyone, also before sign-in and while locked (the start and lock screens);
 * - `kiosk`: a signed-in caseworker, and the citizen at the questionnaire kiosk;
 * - `signed_in`: a signed-in, unlocked caseworker (not from the kiosk);
 * - `admin`: an administrator;
 * - `{ permission }`: a caseworker the administrator granted that permission (administrators have all).
 */
export type MethodAccess = 'open' | 'kiosk' | 'signed_in' | 'admin' | { permission: Permission };

/**
 * Every method's access. `satisfies Record<MethodName, …>` makes a new method
 * without an entry a type error, so no method is left unguarded by accident.
 */
export const METHOD_ACCESS = {
  getAppInfo: 'open',
  getSettings: 'open',
  updateSettings: 'open',
  listUsers: 'open',
  getSession: 'open',
  selectUser: 'open',
  signInWithOsAccount: 'open',
  beginCaseworkerMitid: 'open',
  getCaseworkerMitid: 'open',
  lockSession: 'open',
  touchSession: 'signed_in',
  getWorkspace: 'signed_in',
  listActionTypes: 'signed_in',
  saveField: 'admin',
  deleteField: 'admin',
  saveWorkflow: 'admin',
  deleteWorkflow: 'admin',
  saveStatus: 'admin',
  deleteStatus: 'admin',
  saveTransition: 'admin',
  deleteTransition: 'admin',
  saveStatusAction: 'admin',
  deleteStatusAction: 'admin',
  saveUser: 'admin',
  saveGroup: 'admin',
  exportWorkspace: 'admin',
  previewWorkspaceImport: 'admin',
  importWorkspace: 'admin',
  // Where the sandbox simulators really listen (Administration → Integrationer).
  getSandboxServices: 'admin',
  listRecords: 'signed_in',
  getRecord: 'signed_in',
  createRecord: 'signed_in',
  updateRecord: 'signed_in',
  revealCpr: 'signed_in',
  previewStatusChange: 'signed_in',
  changeStatus: 'signed_in',
  changeStatusMany: 'signed_in',
  previewCsvImport: 'signed_in',
  runCsvImport: 'signed_in',
  // The file's bytes in pieces, the running import's progress and its full report.
  startCsvUpload: 'signed_in',
  appendCsvUpload: 'signed_in',
  getCsvImportProgress: 'signed_in',
  getCsvImportReport: 'signed_in',
  listSigningRequests: 'signed_in',
  cancelSigningRequest: 'signed_in',
  refreshSigningRequests: 'signed_in',
  getSigningDocument: 'signed_in',
  getSignaturesSettings: 'signed_in',
  saveSignaturesSettings: 'admin',
  listNotifications: 'signed_in',
  countUnreadNotifications: 'signed_in',
  markNotificationsRead: 'signed_in',
  markNotificationUnread: 'signed_in',
  markAllNotificationsRead: 'signed_in',
  getMyResponsibilities: 'signed_in',
  listNotificationRecords: 'signed_in',
  listTimedActions: 'signed_in',
  listGuardTypes: 'signed_in',
  changeStatusOverridingGuards: 'admin',
  retryStatusAction: 'signed_in',
  listRecordMessages: 'signed_in',
  previewDigitalPost: 'signed_in',
  sendDigitalPost: 'signed_in',
  checkDigitalPostExemption: 'signed_in',
  getMessageProof: 'signed_in',
  getOutbox: 'signed_in',
  retryMessage: 'signed_in',
  cancelMessage: 'signed_in',
  getDigitalPostSettings: 'signed_in',
  saveDigitalPostSettings: 'admin',
  testDigitalPostConnection: 'admin',
  testMitidConnection: 'admin',
  testSignaturesConnection: 'admin',
  getCostOverview: 'signed_in',
  // Letters hold personal data: a signed-in caseworker only, never the kiosk (the handlers also check the record).
  getLetterPdf: 'signed_in',
  getPrintList: 'signed_in',
  markLettersPosted: 'signed_in',
  getProofOfDeliveryPdf: 'signed_in',
  listDocumentTemplates: 'signed_in',
  saveDocumentTemplate: 'admin',
  deleteDocumentTemplate: 'admin',
  previewDocument: 'signed_in',
  listMailings: 'signed_in',
  createMailing: 'signed_in',
  getMailing: 'signed_in',
  previewMailing: 'signed_in',
  // Preparing only renders and previews (nothing leaves the app): any signed-in caseworker.
  prepareMailing: 'signed_in',
  getMailingSendSummary: 'signed_in',
  // Sending is the decision: it needs the permission the administrator grants.
  sendMailing: { permission: 'send_mailings' },
  getBudgetOverview: 'signed_in',
  saveCostBudget: 'admin',
  getMitidSetup: 'admin',
  saveMitidSettings: 'admin',
  saveMitidWorkflow: 'admin',
  listQuestionnaires: 'signed_in',
  saveQuestionnaire: 'admin',
  deleteQuestionnaire: 'admin',
  startQuestionnaireRun: 'kiosk',
  beginQuestionnaireMitid: 'kiosk',
  getQuestionnaireRun: 'kiosk',
  completeQuestionnaireRun: 'kiosk',
  cancelQuestionnaireRun: 'kiosk',
  getAccessSettings: 'admin',
  saveSignInPolicy: 'admin',
  linkOsAccount: 'admin',
  saveUserPermissions: 'admin',
} as const satisfies Record<MethodName, MethodAccess>;

/** The administrator-only methods, from the table above (the refusal test is generated from it). */
export const ADMIN_METHODS: readonly MethodName[] = METHOD_NAMES.filter((m) => METHOD_ACCESS[m] === 'admin');

/** Methods that need a granted permission, and which. */
export const PERMISSION_METHODS: readonly { method: MethodName; permission: Permission }[] = METHOD_NAMES.flatMap((m) => {
  const access: MethodAccess = METHOD_ACCESS[m];
  return typeof access === 'object' ? [{ method: m, permission: access.permission }] : [];
});

/** The workspace's sign-in policy as the start screen and the lock need it. */
export interface SignInPolicyView {
  method: SignInMethod;
  idleLockSeconds: number;
}

/** The session as the renderer sees it: who, how, whether locked or in the kiosk. */
export interface SessionAccessView {
  policy: SignInPolicyView;
  /** The operating-system account this app runs under (shown on the OS sign-in screen). */
  osAccount: string;
  locked: boolean;
  /** Set while the questionnaire kiosk holds the session: the app shows nothing else. */
  kiosk: { questionnaireId: number; recordId: number | null } | null;
  permissions: Permission[];
}

export interface AccessSettingsView {
  policy: SignInPolicyView;
  sandbox: boolean;
  currentOsAccount: string;
  osAccounts: { username: string; userId: number }[];
  permissions: { userId: number; permissions: Permission[] }[];
}

