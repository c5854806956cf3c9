/**
 * A local stand-in for an external service (Digital Post, MitID, Signatures),
 * reachable on 127.0.0.1 only. The app uses it by default ("Sandbox" in the UI)
 * until an administrator configures the real endpoint.
 */
export interface Simulator {
  /** Short name for logs and the sandbox overview, e.g. `digital-post`. */
  name: string;
  /** The port it prefers; when that is taken it moves to a free one (see start-sandbox.ts). */
  defaultPort: number;
  /** Port 0 means any free port. Rejects with EADDRINUSE when the port is taken. */
  start(options: { port: number }): Promise<RunningSimulator>;
}

export interface RunningSimulator {
  name: string;
  /** Where it really listens (built from the bound socket, never from the port asked for). */
  url: string;
  close(): Promise<void>;
}

/** A simulator as a host started it: where it listens, and whether it had to leave its default port. */
export interface StartedSimulator extends RunningSimulator {
  defaultPort: number;
  /** True when the default port was taken by another program and the simulator moved to a free port. */
  movedFromDefaultPort: boolean;
}
