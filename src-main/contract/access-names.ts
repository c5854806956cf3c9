// Sign-in, lock and permission methods (issue 13). Zod-free, like names.ts, for the preload bundle.
export const ACCESS_METHOD_NAMES = [
  'signInWithOsAccount',
  'touchSession',
  'lockSession',
  'getAccessSettings',
  'saveSignInPolicy',
  'linkOsAccount',
  'saveUserPermissions',
] as const;

/** How caseworkers prove who they are; the workspace's administrator chooses one. */
export const SIGN_IN_METHODS = ['mitid', 'os_account', 'picker'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** What an administrator can grant a caseworker beyond ordinary case work. Administrators hold them all. */
export const PERMISSIONS = ['send_mailings'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Idle lock bounds in seconds: 15 minutes by default; short values are for tests and demonstrations. */
export const IDLE_LOCK_DEFAULT_SECONDS = 15 * 60;
export const IDLE_LOCK_MIN_SECONDS = 2;
export const IDLE_LOCK_MAX_SECONDS = 8 * 60 * 60;
