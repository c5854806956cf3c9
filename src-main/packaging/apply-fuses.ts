// The packaging step's last act: `npm run package:fuses -- <packaged Electron binary>`
// (run it on the executable your packager produced, before signing).
import { applyAppFuses } from './electron-fuses';

const binary = process.argv[2];
if (!binary) {
  console.error('usage: npm run package:fuses -- <path to the packaged app executable>');
  process.exit(2);
}
applyAppFuses(binary)
  .then((wires) => console.log(`fuses set in ${binary} (${wires} fuse wire${wires === 1 ? '' : 's'})`))
  .catch((error: unknown) => {
    console.error(`could not set the fuses: ${(error as Error).message}`);
    process.exit(1);
  });
