import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countOf, useCli } from './run-cli';

const { cli, tempDir } = useCli();

/**
 * The definition without its time stamp, for comparing two exports. A user's
 * groups are listed in group-id order, and ids differ between databases, so
 * they are compared as sets.
 */
const definition = (json: string) => {
  const { exportedAt: _exportedAt, users, ...rest } = JSON.parse(json) as { exportedAt: string; users: { groups: string[] }[] };
  return { ...rest, users: users.map((u) => ({ ...u, groups: [...u.groups].sort() })) };
};

describe('cli export and import-workspace', () => {
  it('carries the demo workspace definition into another database, without records', async () => {
    const dir = tempDir();
    const source = join(dir, 'source.sqlite');
    const target = join(dir, 'target.sqlite');
    const file = join(dir, 'workspace.json');
    expect((await cli(['--db', source, 'init', '--demo'])).code).toBe(0);
    expect((await cli(['--db', target, 'init'])).code).toBe(0);

    const exported = await cli(['--db', source, 'export', '--out', file]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exported the workspace definition to .*workspace\.json: \d+ fields, 2 workflows, 4 users, 3 groups\./);

    const imported = await cli(['--db', target, 'import-workspace', file]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 workflows, 4 users and 3 groups');
    expect(countOf(target, 'records')).toBe(0);

    // Exported again from the target (to stdout), the definition is the same.
    const again = await cli(['--db', target, 'export']);
    expect(again.code).toBe(0);
    expect(definition(again.stdout)).toEqual(definition(readFileSync(file, 'utf8')));

    // Importing the same file twice changes nothing.
    expect((await cli(['--db', target, 'import-workspace', file])).code).toBe(0);
    expect(definition((await cli(['--db', target, 'export'])).stdout)).toEqual(definition(readFileSync(file, 'utf8')));
  });

  it('refuses a file that is not a workspace definition and changes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'case.sqlite');
    expect((await cli(['--db', db, 'init', '--demo'])).code).toBe(0);
    const before = (await cli(['--db', db, 'export'])).stdout;
    for (const [name, text, message] of [
      ['broken.json', '{"format":', 'the file is not valid JSON'],
      ['other.json', '{"format":"something-else"}', 'is not a workspace definition'],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const run = await cli(['--db', db, 'import-workspace', file]);
      expect(run.code).toBe(1);
      expect(run.stderr.toLowerCase()).toContain(message.toLowerCase());
      expect(run.stderr).toContain('Nothing was changed.');
    }
    expect(definition((await cli(['--db', db, 'export'])).stdout)).toEqual(definition(before));
  });
});
