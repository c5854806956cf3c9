import { z } from 'zod';
import type { AccessSettingsView } from './access';
import { type ACCESS_METHOD_NAMES, IDLE_LOCK_MAX_SECONDS, IDLE_LOCK_MIN_SECONDS, PERMISSIONS, SIGN_IN_METHODS } from './access-names';
import type { SessionView } from './types';

const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** An operating-system account name as os.userInfo() gives it (Windows, macOS, Linux): the name without a domain. */
const osAccount = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s/\\:*?"<>|]+$/, 'an account name such as jdoe');

export const accessMethodInputs = {
  signInWithOsAccount: z.strictObject({}),
  touchSession: z.strictObject({}),
  lockSession: z.strictObject({}),
  getAccessSettings: z.strictObject({}),
  saveSignInPolicy: z.strictObject({
    method: z.enum(SIGN_IN_METHODS),
    idleLockSeconds: z.int().min(IDLE_LOCK_MIN_SECONDS).max(IDLE_LOCK_MAX_SECONDS),
  }),
  /** Links an OS account to a profile; userId null removes the link. */
  linkOsAccount: z.strictObject({ username: osAccount, userId: id.nullable() }),
  saveUserPermissions: z.strictObject({ userId: id, permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length) }),
} as const satisfies Record<(typeof ACCESS_METHOD_NAMES)[number], z.ZodType>;

export interface AccessMethodResults {
  signInWithOsAccount: SessionView;
  touchSession: SessionView;
  lockSession: SessionView;
  getAccessSettings: AccessSettingsView;
  saveSignInPolicy: AccessSettingsView;
  linkOsAccount: AccessSettingsView;
  saveUserPermissions: AccessSettingsView;
}
