import { writeAudit } from '../audit/audit-log';
import type { SecretStore } from '../app/secrets';
import type { SignaturesSettingsView, SigningRequestView } from '../contract';
import { maskCpr } from '../cpr/cpr';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import { decodeSigningError } from './signing-error';
import { isFinal, signingRequest, type SigningRequestRow } from './signing-request-row';
import {
  readSignaturesSettings,
  SANDBOX_CLIENT_ID,
  SANDBOX_SIGNATURES_ENDPOINT,
  SIGNATURES_SECRET_NAME,
  SIGNATURES_SETTINGS_KEY,
  signaturesSettingsSchema,
  type SignaturesSettings,
} from './signing-settings';
import type { SigningWorker } from './signing-worker';

const iso = (ms: number | null): string | null => (ms === null ? null : isoAt(ms));

function view(r: SigningRequestRow): SigningRequestView {
  return {
    id: r.id,
    recordId: r.record_id,
    state: r.state,
    title: r.title,
    signerCprMasked: maskCpr(r.signer_cpr),
    secondSignerCprMasked: r.second_signer_cpr === null ? null : maskCpr(r.second_signer_cpr),
    documentFileName: r.document_file_name,
    hasDocument: r.document_pdf !== null,
    hasSignedPdf: r.signed_pdf !== null,
    orderId: r.order_id,
    signingHref: r.signing_href,
    secondSigningHref: r.second_signing_href,
    letterMessageId: r.letter_message_id,
    secondLetterMessageId: r.second_letter_message_id,
    createdAt: r.created_at,
    linkSentAt: iso(r.link_sent_at),
    signedAt: r.signed_at,
    finishedAt: r.finished_at,
    orderExpiresAt: r.order_expires_at,
    lastPolledAt: iso(r.last_polled_at),
    costOre: r.cost_ore,
    outcomeNote: r.outcome_note,
    lastError: decodeSigningError(r.last_error),
    cancelRequested: r.cancel_requested_at !== null,
    canCancel: !isFinal(r.state) && r.cancel_requested_at === null,
  };
}

/** What caseworkers and administrators do with signing requests and the Signatures settings. */
export class SigningService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: IntegrationSettings,
    private readonly secrets: SecretStore,
    private readonly worker: SigningWorker,
  ) {}

  listForRecord(recordId: number): SigningRequestView[] {
    const rows = this.db
      .prepare('SELECT * FROM signing_requests WHERE record_id = ? ORDER BY id DESC')
      .all(recordId) as SigningRequestRow[];
    return rows.map(view);
  }

  /** Marks the request for cancellation; the worker cancels the order at Idura and finishes it. */
  cancel(id: number, userId: number): SigningRequestView {
    const row = this.db
      .transaction(() => {
        const r = signingRequest(this.db, id);
        if (!r) throw notFound('Signing request');
        if (isFinal(r.state)) throw new DomainError('conflict', 'the signing request has already ended');
        if (r.cancel_requested_at) return r;
        const at = isoAt(this.clock.now());
        this.db
          .prepare('UPDATE signing_requests SET cancel_requested_by = ?, cancel_requested_at = ?, next_attempt_at = 0, updated_at = ? WHERE id = ?')
          .run(userId, at, at, id);
        writeAudit(this.db, { at, userId, recordId: r.record_id, action: 'signing.cancel_requested', details: { requestId: id } });
        return signingRequest(this.db, id)!;
      })
      .immediate();
    this.worker.wake();
    return view(row);
  }

  /** Asks Idura about this record's open requests now rather than at the next scheduled poll. */
  refresh(recordId: number): void {
    this.db
      .prepare(
        `UPDATE signing_requests SET next_attempt_at = 0 WHERE record_id = ? AND state = 'awaiting_signature'`,
      )
      .run(recordId);
    this.worker.wake();
  }

  document(id: number, which: 'original' | 'signed'): { fileName: string; base64: string } {
    const r = signingRequest(this.db, id);
    if (!r) throw notFound('Signing request');
    const bytes = which === 'signed' ? r.signed_pdf : r.document_pdf;
    if (!bytes) throw notFound(which === 'signed' ? 'Signed document' : 'Document');
    const base = (r.document_file_name ?? `underskrift-${r.id}.pdf`).replace(/\.pdf$/i, '');
    return { fileName: which === 'signed' ? `${base}-underskrevet.pdf` : `${base}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  }

  settingsView(): SignaturesSettingsView {
    const s = readSignaturesSettings(this.settings);
    return {
      ...s,
      hasSecret: this.secrets.get(SIGNATURES_SECRET_NAME) !== null,
      usingSandbox: s.endpoint === SANDBOX_SIGNATURES_ENDPOINT || s.clientId === SANDBOX_CLIENT_ID,
    };
  }

  saveSettings(input: SignaturesSettings & { clientSecret?: string | undefined }, userId: number): SignaturesSettingsView {
    const { clientSecret, ...rest } = input;
    let url: URL;
    try {
      url = new URL(rest.endpoint);
    } catch {
      throw new DomainError('invalid_input', 'the endpoint must be a web address such as https://signatures.idura.app/v1/graphql');
    }
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    // Credentials travel in every request: only the local sandbox may be reached without TLS.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      throw new DomainError('invalid_input', 'the endpoint must use https (http is allowed only for the sandbox on this computer)');
    }
    if (clientSecret !== undefined) {
      if (!this.secrets.isAvailable()) throw new DomainError('not_allowed', 'this computer offers no secure storage for the client secret');
      try {
        if (clientSecret === '') this.secrets.delete(SIGNATURES_SECRET_NAME);
        else this.secrets.set(SIGNATURES_SECRET_NAME, clientSecret);
      } catch (error) {
        throw new DomainError('not_allowed', (error as Error).message);
      }
    }
    this.db
      .transaction(() => {
        this.settings.write(SIGNATURES_SETTINGS_KEY, signaturesSettingsSchema, rest);
        writeAudit(this.db, {
          at: isoAt(this.clock.now()),
          userId,
          recordId: null,
          action: 'settings.signatures_changed',
          details: { endpoint: rest.endpoint, clientId: rest.clientId, priceOre: rest.priceOre, secretChanged: clientSecret !== undefined },
        });
      })
      .immediate();
    return this.settingsView();
  }
}
