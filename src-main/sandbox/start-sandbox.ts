import type { RunningSimulator, Simulator, StartedSimulator } from './simulator';
import { SIMULATORS } from './simulators';

export interface RunningSandbox {
  simulators: StartedSimulator[];
  close(): Promise<void>;
}

/**
 * Whether the sandbox should take any free ports instead of its defaults: as
 * the host asks (`npm run web -- --port 0` asks for true), else under tests and
 * with CASEWORKER_SANDBOX_EPHEMERAL=1.
 */
export function sandboxPortsEphemeral(requested?: boolean): boolean {
  return requested ?? (process.env.CASEWORKER_SANDBOX_EPHEMERAL === '1' || process.env.NODE_ENV === 'test');
}

const isPortTaken = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';

/**
 * Starts one simulator: on its default port, or on a free one when asked to be
 * ephemeral or when another program holds the default port. The app then talks
 * to the address it got, never to whatever holds the default port: that could
 * be anything, and letters carry CPR numbers.
 */
export async function startOnFreePortIfTaken<T extends RunningSimulator>(
  name: string,
  defaultPort: number,
  ephemeral: boolean,
  start: (port: number) => Promise<T>,
): Promise<T & { defaultPort: number; movedFromDefaultPort: boolean }> {
  if (ephemeral) return Object.assign(await start(0), { defaultPort, movedFromDefaultPort: false });
  try {
    return Object.assign(await start(defaultPort), { defaultPort, movedFromDefaultPort: false });
  } catch (error) {
    if (!isPortTaken(error)) throw error;
    const moved = await start(0);
    console.warn(`Sandbox ${name}: port ${defaultPort} is taken by another program; listening on ${moved.url} instead.`);
    return Object.assign(moved, { defaultPort, movedFromDefaultPort: true });
  }
}

/**
 * Starts the simulators (on their default ports, or ephemeral ones). One that
 * cannot start at all is reported and left out: its clients then refuse to
 * send rather than fall back to a default address.
 */
export async function startSandbox(options: { ephemeralPorts?: boolean; simulators?: Simulator[] } = {}): Promise<RunningSandbox> {
  const ephemeral = sandboxPortsEphemeral(options.ephemeralPorts);
  const running: StartedSimulator[] = [];
  for (const sim of options.simulators ?? SIMULATORS) {
    try {
      running.push(await startOnFreePortIfTaken(sim.name, sim.defaultPort, ephemeral, (port) => sim.start({ port })));
    } catch (error) {
      console.warn(`sandbox ${sim.name} not started: ${(error as Error).message}`);
    }
  }
  return {
    simulators: running,
    close: async () => {
      await Promise.all(running.map((s) => s.close()));
    },
  };
}
