import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../app/secrets';
import type { CostLedger } from '../costs/cost-ledger';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import { DomainError } from '../shared/domain-error';
import type { BrowserOpener } from './browser-opener';
import { MitidClient, MitidLoginError, type MitidFailure } from './mitid-client';
import type { MitidIdentity } from './mitid-identity';
import { issuerFor, MITID_SECRET_NAME, MITID_SETTINGS_KEY, mitidSettingsSchema } from './mitid-settings';

export type MitidLoginState =
  | { status: 'pending' }
  | { status: 'succeeded'; identity: MitidIdentity }
  | { status: 'failed'; failure: MitidFailure };

interface Login {
  owner: object;
  state: MitidLoginState;
  cancel(): void;
  /** Dropped from memory after this time even if nobody asks again. */
  forgetAt: number;
}

const KEEP_MS = 30 * 60_000;

/**
 * The MitID logins in progress, in memory only: an identity lives here from
 * the loopback redirect until the questionnaire or sign-in that asked for it
 * takes it (or 30 minutes pass). Nothing reaches the database until then, so a
 * cancelled or abandoned login leaves nothing behind. A login belongs to the
 * session (window or tab) that started it.
 */
export class MitidLogins {
  private readonly logins = new Map<string, Login>();

  constructor(
    private readonly deps: {
      settings: IntegrationSettings;
      secrets: SecretStore;
      costs: CostLedger;
      opener: BrowserOpener;
      sandboxUrl: () => string | null;
      language: () => 'da' | 'en';
    },
  ) {}

  settings() {
    return this.deps.settings.read(MITID_SETTINGS_KEY, mitidSettingsSchema);
  }

  /** Starts a login in the system browser; `costRecordId` is the record the cost entry belongs to, when known. */
  async start(owner: object, options: { acr?: string; askForCpr?: boolean; costRecordId?: number | null; message?: string } = {}) {
    this.sweep();
    const s = this.settings();
    const sandboxUrl = this.deps.sandboxUrl();
    if (s.domain.trim() === '' && sandboxUrl === null) throw new DomainError('unavailable', 'MitID is not reachable: the MitID sandbox is not running in this app');
    const client = new MitidClient(
      { issuer: issuerFor(s, sandboxUrl ?? ''), clientId: s.clientId, clientSecret: this.deps.secrets.get(MITID_SECRET_NAME) },
      this.deps.opener,
      { timeoutMs: s.timeoutSeconds * 1000 },
    );
    let pending;
    try {
      pending = await client.begin({
        acr: options.acr ?? s.acr,
        askForCpr: options.askForCpr ?? s.askForCpr,
        uiLocale: this.deps.language(),
        ...((options.message ?? s.message) ? { message: options.message ?? s.message } : {}),
        ...(s.action ? { action: s.action } : {}),
      });
    } catch (error) {
      const reason = error instanceof MitidLoginError ? error.message : 'unexpected error';
      throw new DomainError('unavailable', `MitID is not reachable: ${reason}`);
    }
    const id = randomBytes(16).toString('base64url');
    const login: Login = { owner, state: { status: 'pending' }, cancel: pending.cancel, forgetAt: Date.now() + KEEP_MS };
    this.logins.set(id, login);
    pending.result.then(
      (identity) => {
        login.state = { status: 'succeeded', identity };
        // Each successful login is paid for, whatever happens after it.
        this.deps.costs.add({
          kind: 'mitid_login',
          amountOre: s.priceOre,
          recordId: options.costRecordId ?? null,
          description: 'MitID login',
          idempotencyKey: `mitid_login:${id}`,
        });
      },
      (error: unknown) => {
        login.state = { status: 'failed', failure: error instanceof MitidLoginError ? error.reason : 'refused' };
        if (!(error instanceof MitidLoginError)) console.error('MitID login failed unexpectedly:', (error as Error).name);
      },
    );
    return { loginId: id, authorizationUrl: pending.authorizationUrl };
  }

  state(owner: object, loginId: string): MitidLoginState {
    return this.login(owner, loginId).state;
  }

  /** Hands the identity over once, and forgets it. */
  take(owner: object, loginId: string): MitidIdentity {
    const login = this.login(owner, loginId);
    if (login.state.status !== 'succeeded') throw new DomainError('invalid_input', 'the MitID login has not succeeded');
    this.logins.delete(loginId);
    return login.state.identity;
  }

  cancel(owner: object, loginId: string): void {
    const login = this.logins.get(loginId);
    if (!login || login.owner !== owner) return;
    login.cancel();
    this.logins.delete(loginId);
  }

  private login(owner: object, loginId: string): Login {
    const login = this.logins.get(loginId);
    if (!login || login.owner !== owner) throw new DomainError('not_found', 'that MitID login does not exist (it may have expired)');
    return login;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, login] of this.logins) {
      if (login.forgetAt < now) {
        login.cancel();
        this.logins.delete(id);
      }
    }
  }
}
