import type { SecretStore } from '../app/secrets';
import type { Language } from '../contract';
import type { CostLedger } from '../costs/cost-ledger';
import type { EventBus } from '../events/event-bus';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import type { NotificationPort } from '../notifications/notification-port';
import type { Clock } from '../shared/clock';
import type { Db } from '../store/database';
import { DigitalPostOutbox } from './outbox/digital-post-outbox';
import { OutboxSender, type SenderTiming } from './sender/outbox-sender';
import { DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema, type DigitalPostSettings } from './settings';
import { createTransport, testConnection, type SandboxClient, type TransportContext } from './transport/create-transport';
import type { ContactStatus } from './transport/transport';

export interface DigitalPostDeps {
  db: Db;
  clock: Clock;
  integrationSettings: IntegrationSettings;
  secrets: SecretStore;
  costs: CostLedger;
  notifications: NotificationPort;
  events: EventBus;
  language: () => Language;
  random?: () => number;
  timing?: Partial<SenderTiming>;
}

/** Digital Post in one place: the outbox (DigitalPostPort), its sender, the settings and the transport. */
export class DigitalPostService {
  readonly outbox: DigitalPostOutbox;
  readonly sender: OutboxSender;
  /** The NgDP base of the sandbox this app started (ephemeral port in tests), if any. */
  sandboxApiUrl: string | null = null;
  sandboxMailboxUrl: string | null = null;
  /** The strict sandbox's client certificate and credential for this app (null: plain-HTTP sandbox). */
  sandboxClient: SandboxClient | null = null;

  constructor(private readonly deps: DigitalPostDeps) {
    const settings = () => this.settings();
    this.outbox = new DigitalPostOutbox({
      db: deps.db,
      clock: deps.clock,
      settings,
      language: deps.language,
      onQueued: () => setImmediate(() => this.sender.wake()),
    });
    this.sender = new OutboxSender(
      {
        db: deps.db,
        clock: deps.clock,
        settings,
        transport: () => createTransport(this.settings(), deps.secrets, this.sandboxApiUrl ?? undefined, this.context()),
        transportKey: () => this.sandboxApiUrl ?? '',
        costs: deps.costs,
        notifications: deps.notifications,
        events: deps.events,
        ...(deps.random ? { random: deps.random } : {}),
      },
      deps.timing,
    );
  }

  /** The sandbox client, and for e-Boks the letters whose outcome the status endpoint should tell. */
  private context(): TransportContext {
    return {
      sandboxClient: this.sandboxClient,
      pendingMessageUuids: () =>
        (this.deps.db.prepare("SELECT message_uuid FROM digital_post_messages WHERE state = 'accepted' ORDER BY accepted_at LIMIT 50").all() as { message_uuid: string }[]).map((r) => r.message_uuid),
    };
  }

  settings(): DigitalPostSettings {
    return this.deps.integrationSettings.read(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema);
  }

  saveSettings(value: DigitalPostSettings): DigitalPostSettings {
    return this.deps.integrationSettings.write(DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema, value);
  }

  /** Is the citizen on Digital Post? Asks the access point (the sandbox knows its exempt test citizens). */
  async lookupContact(cpr: string): Promise<ContactStatus> {
    const transport = createTransport(this.settings(), this.deps.secrets, this.sandboxApiUrl ?? undefined, this.context());
    try {
      return await transport.lookupContact(cpr);
    } finally {
      transport.close();
    }
  }

  /**
   * Looks many citizens up over one transport (one TLS set-up, not one per
   * citizen), `concurrency` at a time; a failed look-up is UNKNOWN.
   */
  async lookupContacts(cprs: readonly string[], concurrency = 8): Promise<ContactStatus[]> {
    const out: ContactStatus[] = cprs.map(() => 'UNKNOWN');
    if (cprs.length === 0) return out;
    const transport = createTransport(this.settings(), this.deps.secrets, this.sandboxApiUrl ?? undefined, this.context());
    try {
      let next = 0;
      const worker = async () => {
        while (next < cprs.length) {
          const i = next++;
          out[i] = await transport.lookupContact(cprs[i] as string).catch(() => 'UNKNOWN' as const);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, cprs.length) }, worker));
    } finally {
      transport.close();
    }
    return out;
  }

  testConnection(lang: Language = this.deps.language()) {
    return testConnection(this.settings(), this.deps.secrets, this.sandboxApiUrl ?? undefined, this.context(), lang);
  }

  start(): void {
    this.sender.start();
  }

  stop(): Promise<void> {
    return this.sender.stop();
  }
}
