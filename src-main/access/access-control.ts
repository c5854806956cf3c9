import type { AppError, Language, MethodName, Permission, SessionView, SignInMethod, UserView } from '../contract';
import { METHOD_ACCESS, PERMISSIONS, type MethodAccess } from '../contract';
import type { Session } from '../app/session';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { UsersRepo } from '../users/users-repo';
import type { AccessStore } from './access-store';
import { accessTexts } from './access-texts';

export interface AccessControlDeps {
  db: Db;
  clock: Clock;
  users: UsersRepo;
  store: AccessStore;
  /** The operating-system account the app runs under (os.userInfo().username); the OS session is the proof. */
  osAccount: () => string;
  language: () => Language;
}

/**
 * Who may do what in a session: sign-in per the workspace policy, the idle lock,
 * the kiosk seal, administrator methods and granted permissions. The dispatcher
 * asks `refusal` before every handler, so a method is guarded by its entry in the
 * contract's METHOD_ACCESS, not by remembering a check in its handler.
 */
export class AccessControl {
  constructor(private readonly d: AccessControlDeps) {}

  get store(): AccessStore {
    return this.d.store;
  }

  osAccount(): string {
    return this.d.osAccount();
  }

  hasPermission(user: UserView, permission: Permission): boolean {
    return user.isAdmin || this.d.store.permissionsOf(user.id).includes(permission);
  }

  permissionsOf(user: UserView): Permission[] {
    return user.isAdmin ? [...PERMISSIONS] : this.d.store.permissionsOf(user.id);
  }

  sessionView(session: Session): SessionView {
    this.lockIfIdle(session);
    const user = session.userId === null ? null : this.d.users.getUser(session.userId);
    return {
      // A locked session shows no one: the lock screen needs no profile data.
      user: session.locked ? null : user,
      access: {
        policy: this.d.store.policy(),
        osAccount: this.d.osAccount(),
        locked: Boolean(session.locked) && session.userId !== null,
        kiosk: session.kiosk ?? null,
        permissions: user && !session.locked ? this.permissionsOf(user) : [],
      },
    };
  }

  /** Refuses a sign-in method the workspace policy does not allow. The sandbox picker also allows MitID (as before). */
  requireMethod(method: SignInMethod): void {
    const policy = this.d.store.policy().method;
    const allowed = policy === method || (policy === 'picker' && method === 'mitid');
    if (!allowed) {
      this.signInFailed(method, 'method_not_allowed', null);
      throw new DomainError('not_allowed', accessTexts(this.d.language()).wrongMethod(policy));
    }
  }

  /** A successful sign-in: the session acts as the user, unlocked and out of the kiosk. Audited. */
  signIn(session: Session, user: UserView, method: SignInMethod): void {
    const wasLocked = Boolean(session.locked);
    const leftKiosk = session.kiosk ? true : undefined;
    session.userId = user.id;
    session.locked = false;
    session.kiosk = null;
    if (session.idle) session.idle.lastActivityAt = this.d.clock.now();
    this.audit(user.id, 'session.signed_in', { method, ...(wasLocked ? { unlocked: true } : {}), ...(leftKiosk ? { leftKiosk } : {}) });
  }

  /** A failed sign-in; `userId` is who was tried, when known. Audited (never with a CPR number). */
  signInFailed(method: SignInMethod, reason: string, userId: number | null, details: Record<string, unknown> = {}): void {
    this.audit(userId, 'session.sign_in_failed', { method, reason, ...details });
  }

  /** Locks a signed-in session (idle or by the caseworker). Audited once per lock. */
  lock(session: Session, reason: 'idle' | 'manual'): void {
    if (session.userId === null || session.locked || session.kiosk) return;
    session.locked = true;
    this.audit(session.userId, 'session.locked', { reason });
  }

  /** The caseworker is at the keyboard (the renderer reports input). */
  touch(session: Session): void {
    if (session.idle && !session.locked) session.idle.lastActivityAt = this.d.clock.now();
  }

  /** Why the session may not call the method, or null when it may. */
  refusal(method: MethodName, session: Session): AppError | null {
    const access: MethodAccess = METHOD_ACCESS[method];
    if (access === 'open') return null;
    this.lockIfIdle(session);
    const texts = accessTexts(this.d.language());
    if (session.kiosk && access !== 'kiosk') return { code: 'not_allowed', message: texts.kiosk };
    if (session.locked && session.userId !== null) return { code: 'session_locked', message: texts.locked };
    const user = session.userId === null ? null : this.d.users.getUser(session.userId);
    if (!user) return { code: 'no_user_selected', message: texts.notSignedIn };
    if (access === 'admin' && !user.isAdmin) return { code: 'not_allowed', message: texts.adminOnly };
    if (typeof access === 'object' && !this.hasPermission(user, access.permission)) {
      return { code: 'not_allowed', message: texts.missingPermission(access.permission) };
    }
    return null;
  }

  private lockIfIdle(session: Session): void {
    if (!session.idle || session.userId === null || session.locked || session.kiosk) return;
    const limitMs = this.d.store.policy().idleLockSeconds * 1000;
    if (this.d.clock.now() - session.idle.lastActivityAt > limitMs) this.lock(session, 'idle');
  }

  audit(userId: number | null, action: string, details: Record<string, unknown>): void {
    writeAudit(this.d.db, { at: isoAt(this.d.clock.now()), userId, recordId: null, action, details });
  }
}
