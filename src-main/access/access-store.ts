import { z } from 'zod';
import {
  IDLE_LOCK_DEFAULT_SECONDS,
  IDLE_LOCK_MAX_SECONDS,
  IDLE_LOCK_MIN_SECONDS,
  PERMISSIONS,
  SIGN_IN_METHODS,
  type Permission,
  type SignInPolicyView,
} from '../contract';
import type { IntegrationSettings } from '../integration-settings/integration-settings';

// The sign-in policy and who holds what, as workspace-wide settings documents
// (no schema change: the same table that keeps the integrations' settings).

const POLICY_KEY = 'signIn';
const GRANTS_KEY = 'access';

const policySchema = z.object({
  /** Absent: the default for the kind of workspace (picker in the sandbox, OS account otherwise). */
  method: z.enum(SIGN_IN_METHODS).optional(),
  idleLockSeconds: z.int().min(IDLE_LOCK_MIN_SECONDS).max(IDLE_LOCK_MAX_SECONDS).default(IDLE_LOCK_DEFAULT_SECONDS),
});

const grantsSchema = z.object({
  /** OS account name (compared case-insensitively, as Windows does) → profile. */
  osAccounts: z.array(z.object({ username: z.string().min(1).max(256), userId: z.int().min(1) })).default([]),
  permissions: z.array(z.object({ userId: z.int().min(1), permissions: z.array(z.enum(PERMISSIONS)) })).default([]),
  /** Set by the first link ever made: from then on removing every link never reopens the first-sign-in bootstrap. */
  osAccountsLinkedOnce: z.boolean().default(false),
});
type Grants = z.infer<typeof grantsSchema>;

const sameAccount = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class AccessStore {
  constructor(
    private readonly settings: IntegrationSettings,
    private readonly sandbox: boolean,
  ) {}

  /** The policy in force. The picker exists only in the sandbox; elsewhere a stored picker reads as OS account. */
  policy(): SignInPolicyView {
    const stored = this.settings.read(POLICY_KEY, policySchema);
    const wanted = stored.method ?? (this.sandbox ? 'picker' : 'os_account');
    return { method: wanted === 'picker' && !this.sandbox ? 'os_account' : wanted, idleLockSeconds: stored.idleLockSeconds };
  }

  savePolicy(policy: SignInPolicyView): SignInPolicyView {
    this.settings.write(POLICY_KEY, policySchema, policy);
    return this.policy();
  }

  osAccounts(): Grants['osAccounts'] {
    return this.grants().osAccounts;
  }

  userForOsAccount(username: string): number | null {
    return this.osAccounts().find((a) => sameAccount(a.username, username))?.userId ?? null;
  }

  /** Links (or with null unlinks) an OS account; one account → one profile. */
  linkOsAccount(username: string, userId: number | null): void {
    const grants = this.grants();
    const others = grants.osAccounts.filter((a) => !sameAccount(a.username, username));
    this.writeGrants({
      ...grants,
      osAccounts: userId === null ? others : [...others, { username, userId }],
      osAccountsLinkedOnce: grants.osAccountsLinkedOnce || userId !== null,
    });
  }

  /** No OS account has ever been linked: the first OS sign-in may link itself to the first administrator. */
  awaitsFirstOsAccount(): boolean {
    const grants = this.grants();
    return !grants.osAccountsLinkedOnce && grants.osAccounts.length === 0;
  }

  permissionsOf(userId: number): Permission[] {
    return this.grants().permissions.find((p) => p.userId === userId)?.permissions ?? [];
  }

  allPermissions(): Grants['permissions'] {
    return this.grants().permissions;
  }

  savePermissions(userId: number, permissions: Permission[]): void {
    const grants = this.grants();
    const others = grants.permissions.filter((p) => p.userId !== userId);
    const unique = PERMISSIONS.filter((p) => permissions.includes(p));
    this.writeGrants({ ...grants, permissions: unique.length ? [...others, { userId, permissions: unique }] : others });
  }

  private grants(): Grants {
    return this.settings.read(GRANTS_KEY, grantsSchema);
  }

  private writeGrants(grants: Grants): void {
    this.settings.write(GRANTS_KEY, grantsSchema, grants);
  }
}
