/** A refusal the Signatures sandbox reports as a GraphQL error (its message reaches the caller as is). */
export class SandboxApiError extends Error {}

/** What the sandbox answers for a part of Idura's API it does not simulate. */
export const notSupported = (what: string): SandboxApiError => new SandboxApiError(`not supported by the Sandbox: ${what}`);
