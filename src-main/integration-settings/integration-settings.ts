import type { z } from 'zod';
import type { Db } from '../store/database';

/**
 * Non-secret, workspace-wide settings of the integrations (endpoints, sender
 * CVR, prices), one JSON document per integration. Each integration owns a
 * zod schema with defaults, so a missing or outdated stored document still
 * reads as valid settings. Secrets never go here (see SecretStore).
 */
export class IntegrationSettings {
  constructor(private readonly db: Db) {}

  read<T>(key: string, schema: z.ZodType<T>): T {
    const raw = this.db.prepare('SELECT value FROM integration_settings WHERE key = ?').pluck().get(key) as string | undefined;
    let parsed: unknown = {};
    try {
      parsed = raw ? JSON.parse(raw) : {};
    } catch {
      parsed = {};
    }
    const result = schema.safeParse(parsed);
    // Stored settings that no longer fit the schema fall back to the defaults rather than break the app.
    return result.success ? result.data : schema.parse({});
  }

  write<T>(key: string, schema: z.ZodType<T>, value: unknown): T {
    const clean = schema.parse(value);
    this.db
      .prepare('INSERT INTO integration_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(clean));
    return clean;
  }
}
