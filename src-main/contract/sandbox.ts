import { z } from 'zod';
import type { SANDBOX_METHOD_NAMES } from './sandbox-names';

/** One sandbox simulator as this app started it. */
export interface SandboxServiceView {
  name: 'mitid' | 'signatures' | 'digital-post';
  /** Where it really listens; null when it is not running in this app. */
  url: string | null;
  defaultPort: number;
  /** Its default port was taken by another program, so it listens on a free port instead. */
  movedFromDefaultPort: boolean;
}

export const sandboxMethodInputs = {
  getSandboxServices: z.strictObject({}),
} as const satisfies Record<(typeof SANDBOX_METHOD_NAMES)[number], z.ZodType>;

export interface SandboxMethodResults {
  getSandboxServices: SandboxServiceView[];
}
