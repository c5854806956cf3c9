import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a file in the app's `resources/` folder. From the sources (tsx, vitest)
 * and from the bundle (`out/main/`) alike it is two folders up; a packaged app
 * keeps it next to the asar in `process.resourcesPath`.
 */
export function resourceFile(relative: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.CASEWORKER_RESOURCES_DIR,
    join(here, '..', '..', 'resources'),
    join(here, '..', 'resources'),
    packaged ? join(packaged, 'resources') : undefined,
    join(process.cwd(), 'resources'),
  ].filter((c): c is string => typeof c === 'string');
  for (const dir of candidates) {
    const file = join(dir, relative);
    if (existsSync(file)) return file;
  }
  throw new Error(`resource ${relative} was not found`);
}

const cache = new Map<string, Uint8Array>();

/** The bytes of a resource file, read once per process. */
export function readResource(relative: string): Uint8Array {
  let bytes = cache.get(relative);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(resourceFile(relative)));
    cache.set(relative, bytes);
  }
  return bytes;
}
