import type { GuardFailureView, GuardTypeView, Language } from '../contract';
import type { Db } from '../store/database';
import type { TransitionGuardType } from './transition-guard';

/**
 * The guard types this installation knows. Features register theirs with one
 * line in the composition root: `services.guards.register(myGuard)`.
 */
export class TransitionGuards {
  private readonly types = new Map<string, TransitionGuardType>();

  register(guard: TransitionGuardType): this {
    this.types.set(guard.type, guard);
    return this;
  }

  has(type: string): boolean {
    return this.types.has(type);
  }

  list(): GuardTypeView[] {
    return [...this.types.values()].map((g) => ({ type: g.type, labelKey: g.labelKey }));
  }

  /**
   * Every guard of the list that refuses the record now. A guard stored on a
   * transition but unknown here (e.g. imported from an installation with more
   * features) refuses: a guard must never pass by being missing.
   */
  check(db: Db, recordId: number, guardTypes: readonly string[], lang: Language): GuardFailureView[] {
    const failures: GuardFailureView[] = [];
    for (const type of guardTypes) {
      const guard = this.types.get(type);
      if (!guard) {
        failures.push({
          type,
          reason: lang === 'da' ? `Betingelsen "${type}" findes ikke i denne installation.` : `The condition "${type}" is not available in this installation.`,
          link: null,
        });
        continue;
      }
      const failure = guard.check(recordId, { db, lang });
      if (failure) failures.push({ type, reason: failure.reason, link: failure.link ?? null });
    }
    return failures;
  }
}
