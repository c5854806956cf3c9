/**
 * A local stand-in for an external service (Digital Post, MitID, Signatures),
 * reachable on 127.0.0.1 only. The app uses it by default ("Sandbox" in the UI)
 * until an administrator configures the real endpoint.
 */
export interface Simulator {
  /** Short name for logs and the sandbox overview, e.g. `digital-post`. */
  name: string;
  /** The fixed port the app's default settings point to. */
  defaultPort: number;
  start(options: { port: number }): Promise<RunningSimulator>;
}

export interface RunningSimulator {
  name: string;
  url: string;
  close(): Promise<void>;
}
