import type { RunningSimulator, Simulator } from './simulator';
import { SIMULATORS } from './simulators';

export interface RunningSandbox {
  simulators: RunningSimulator[];
  close(): Promise<void>;
}

/**
 * Starts the simulators on their default ports (or on ephemeral ones, for
 * tests). A port already taken (another app instance runs the sandbox) is
 * reported and skipped rather than stopping the app.
 */
export async function startSandbox(options: { ephemeralPorts?: boolean; simulators?: Simulator[] } = {}): Promise<RunningSandbox> {
  const running: RunningSimulator[] = [];
  for (const sim of options.simulators ?? SIMULATORS) {
    try {
      running.push(await sim.start({ port: options.ephemeralPorts ? 0 : sim.defaultPort }));
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
