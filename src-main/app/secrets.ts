import { DomainError } from '../shared/domain-error';

/** Field error key: this host reads secrets from the environment only. */
export const SECRET_FROM_ENVIRONMENT = 'secret_from_environment';

function refusal(name: string, what: string): DomainError {
  return new DomainError('validation_failed', `This host reads secrets from the environment; to change the secret, ${what}.`, [
    { field: name, key: SECRET_FROM_ENVIRONMENT, params: { variable: secretVariable(name) } },
  ]);
}

/**
 * Secrets (certificate passwords, API credentials) live in the OS keychain through
 * Electron's safeStorage in the app, and in environment variables for the CLI.
 * Domain code sees only this interface.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** False when the OS offers no encryption (then the app refuses to store secrets). */
  isAvailable(): boolean;
}

/** The environment variable the CLI and the browser transport read a secret from. */
export const secretVariable = (name: string): string => `CASEWORKER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * Reads secrets from environment variables named CASEWORKER_SECRET_<NAME>. It
 * cannot write them, so saving a new secret is refused as a field error naming
 * the variable to set (the renderer shows it in Danish); saving the value the
 * variable already holds, or removing one that is not set, changes nothing and succeeds.
 */
export class EnvSecretStore implements SecretStore {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}
  get(name: string): string | null {
    return this.env[secretVariable(name)] ?? null;
  }
  set(name: string, value: string): void {
    if (this.get(name) === value) return;
    throw refusal(name, `set the environment variable ${secretVariable(name)} and start again`);
  }
  delete(name: string): void {
    if (this.get(name) === null) return;
    throw refusal(name, `unset the environment variable ${secretVariable(name)} and start again`);
  }
  isAvailable(): boolean {
    return true;
  }
}
