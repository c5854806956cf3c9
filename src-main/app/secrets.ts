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

/** Reads secrets from environment variables named CASEWORKER_SECRET_<NAME>. */
export class EnvSecretStore implements SecretStore {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}
  private varName(name: string): string {
    return `CASEWORKER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  }
  get(name: string): string | null {
    return this.env[this.varName(name)] ?? null;
  }
  set(): void {
    throw new Error('Secrets are read from the environment in the CLI; set the variable instead.');
  }
  delete(): void {
    throw new Error('Secrets are read from the environment in the CLI; unset the variable instead.');
  }
  isAvailable(): boolean {
    return true;
  }
}
