// Method names of timed status actions and transition guards (issue 7). Kept
// apart from the schemas so the preload script does not bundle zod.
export const TIMED_ACTION_METHOD_NAMES = ['listTimedActions', 'listGuardTypes', 'changeStatusOverridingGuards', 'retryStatusAction'] as const;
