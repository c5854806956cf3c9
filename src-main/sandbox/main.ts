// `npm run sandbox`: the sandbox simulators alone, for testers and for pointing
// a second app instance at them.
import { startSandbox } from './start-sandbox';

const sandbox = await startSandbox();
if (sandbox.simulators.length === 0) console.log('No sandbox simulators are registered yet.');
for (const s of sandbox.simulators) console.log(`Sandbox ${s.name}: ${s.url}${s.movedFromDefaultPort ? ` (port ${s.defaultPort} was taken)` : ''}`);
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
