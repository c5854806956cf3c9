import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../../../src-main/store/migrations';
import { startupErrorBox } from '../../../src-main/shell/startup-error';

describe('startupErrorBox', () => {
  it('explains a database from a newer app, in Danish first', () => {
    const box = startupErrorBox(new DatabaseTooNewError(9, 7));
    expect(box.title).toMatch(/^Databasen er fra en nyere version/);
    expect(box.content).toContain('Installer den nyeste version');
    expect(box.content).toContain('schema 9');
  });

  it('shows the message, never the stack, for other failures', () => {
    const error = new Error('disk I/O error');
    const box = startupErrorBox(error);
    expect(box.title).toMatch(/kunne ikke starte/);
    expect(box.content).toContain('disk I/O error');
    expect(box.content).not.toContain('at ');
    expect(startupErrorBox('plain string').content).toContain('plain string');
  });
});
