import type { SandboxServiceView } from '../contract/sandbox';
import type { StartedSimulator } from '../sandbox/simulator';

/** The simulators the sandbox overview lists, with the ports they prefer. */
const DEFAULT_PORTS: Record<SandboxServiceView['name'], number> = { mitid: 4010, signatures: 4020, 'digital-post': 4030 };

/**
 * Where the sandbox simulators this app started really listen. Clients read
 * their address from here (via `urls`), so they never talk to a default port
 * that some other program may hold. Hosts record each simulator as it starts.
 */
export class SandboxAddresses {
  /** Simulator name → URL (the MitID issuer, the Signatures GraphQL endpoint, the Digital Post base). */
  readonly urls = new Map<string, string>();
  private readonly moved = new Set<string>();

  record(started: StartedSimulator): void {
    this.urls.set(started.name, started.url);
    if (started.movedFromDefaultPort) this.moved.add(started.name);
    else this.moved.delete(started.name);
  }

  view(): SandboxServiceView[] {
    return (Object.keys(DEFAULT_PORTS) as SandboxServiceView['name'][]).map((name) => ({
      name,
      url: this.urls.get(name) ?? null,
      defaultPort: DEFAULT_PORTS[name],
      movedFromDefaultPort: this.moved.has(name),
    }));
  }
}
