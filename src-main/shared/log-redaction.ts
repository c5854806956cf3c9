import { format } from 'node:util';
import { redactCprs } from '../cpr/cpr';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
let installed = false;

/**
 * Masks anything CPR-shaped in every console line of this process. Call sites
 * redact their own messages too; this is the net under them, so a message from
 * a library or a new log line cannot put a CPR number into a host's log.
 */
export function maskCprsInConsole(target: Console = console): void {
  if (installed && target === console) return;
  if (target === console) installed = true;
  for (const method of METHODS) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(redactCprs(format(...args)));
  }
}
