// Run by `npm start` before electron-vite: one clear sentence instead of "Electron uninstall".
import { installedElectronPackage, missingElectronProblem } from './electron-binary';

const electron = installedElectronPackage();
if (!electron.program()) console.log('Henter Electron (første start) / Downloading Electron (first start)…');
const problem = missingElectronProblem(electron);
if (problem) {
  console.error(problem);
  process.exit(1);
}
