// The sandbox overview (issue 13). Kept apart from the schemas, like names.ts.
export const SANDBOX_METHOD_NAMES = ['getSandboxServices'] as const;
