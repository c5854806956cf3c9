import type { UserView } from './types';

export const MITID_ACRS = [
  'urn:grn:authn:dk:mitid:low',
  'urn:grn:authn:dk:mitid:substantial',
  'urn:grn:authn:dk:mitid:high',
  'urn:grn:authn:dk:mitid:business',
] as const;
export type MitidAcrValue = (typeof MITID_ACRS)[number];

export const MITID_PROPERTY_NAMES = ['name', 'givenName', 'familyName', 'cpr', 'uuid', 'birthdate'] as const;
export type MitidPropertyName = (typeof MITID_PROPERTY_NAMES)[number];

export const QUESTION_KINDS = ['text', 'longtext', 'number', 'date', 'choice', 'yesno'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface MitidSettingsView {
  domain: string;
  clientId: string;
  acr: MitidAcrValue;
  askForCpr: boolean;
  priceOre: number;
  message: string;
  action: '' | 'confirm' | 'accept' | 'approve' | 'sign' | 'login';
  timeoutSeconds: number;
}

export interface MitidSetupView {
  settings: MitidSettingsView;
  /** True while the domain is empty: logins go to the local MitID sandbox. */
  usesSandbox: boolean;
  issuer: string;
  clientSecretSet: boolean;
  workflows: { workflowId: number; enabled: boolean; mappings: Partial<Record<MitidPropertyName, string>> }[];
}

export interface QuestionView {
  id: number;
  kind: QuestionKind;
  label: string;
  help: string;
  required: boolean;
  fieldKey: string;
  /** For choice questions: the field's options. */
  options: string[];
}

export interface QuestionnaireView {
  id: number;
  title: string;
  intro: string;
  mitidRequired: boolean;
  mode: 'new_record' | 'follow_up';
  workflowId: number;
  startStatusId: number | null;
  completedStatusId: number | null;
  questions: QuestionView[];
}

export type MitidFailureReason =
  | 'cancelled'
  | 'core_client_error'
  | 'access_denied'
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'invalid_claims'
  /** The token's level (acr/authenticationtype) is weaker than, or another kind than, the one asked for. */
  | 'weaker_level'
  /** The CPR was asked for (the `ssn` scope) and the token carries none. */
  | 'missing_cpr'
  /** Idura answered HTTP 429 (its login rate limit). */
  | 'rate_limited';

/** Where a kiosk run stands. The citizen's CPR never appears here, only masked. */
export interface QuestionnaireRunView {
  runId: string;
  questionnaire: QuestionnaireView;
  recordId: number | null;
  mitid:
    | { status: 'not_required' }
    | { status: 'not_started' }
    | { status: 'pending'; authorizationUrl: string }
    | { status: 'succeeded'; name: string; maskedCpr: string }
    | { status: 'failed'; reason: MitidFailureReason }
    /** Follow-up: the MitID CPR is not the record's CPR. */
    | { status: 'cpr_mismatch' };
}

export interface CaseworkerMitidView {
  loginId: string;
  status: 'pending' | 'signed_in' | 'not_linked' | 'failed';
  authorizationUrl: string;
  reason?: MitidFailureReason;
  user?: UserView;
}
