import { describe, expect, it, vi } from 'vitest';
import { MISSING_ELECTRON, missingElectronProblem, type ElectronPackage } from '../../../src-main/packaging/electron-binary';

function electronPackage(options: { installed: boolean; downloads: boolean }): ElectronPackage & { download: ReturnType<typeof vi.fn> } {
  let installed = options.installed;
  return {
    program: () => (installed ? '/opt/electron/dist/electron' : null),
    download: vi.fn(() => {
      if (options.downloads) installed = true;
      return options.downloads;
    }),
  };
}

describe('npm start and the Electron program', () => {
  it('starts at once when the program is there', () => {
    const electron = electronPackage({ installed: true, downloads: false });
    expect(missingElectronProblem(electron)).toBeNull();
    expect(electron.download).not.toHaveBeenCalled();
  });

  it('downloads the program on first start', () => {
    const electron = electronPackage({ installed: false, downloads: true });
    expect(missingElectronProblem(electron)).toBeNull();
    expect(electron.download).toHaveBeenCalledTimes(1);
  });

  it('says in one sentence what is missing and how to get it when the download fails', () => {
    const problem = missingElectronProblem(electronPackage({ installed: false, downloads: false }));
    expect(problem).toBe(MISSING_ELECTRON);
    expect(problem).toMatch(/npm start/);
    expect(problem).toMatch(/npm run web/);
    expect(problem?.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
  });
});
