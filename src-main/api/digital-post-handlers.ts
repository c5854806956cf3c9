import type { DigitalPostSettingsView, Language } from '../contract';
import { writeAudit } from '../audit/audit-log';
import { assertWithinBudget } from '../costs/budget-guard';
import { checkCpr } from '../cpr/cpr';
import { messageView, proofOfDelivery } from '../digital-post/message-views';
import { cancelMessage, retryMessage, routeToPhysicalPost } from '../digital-post/outbox/outbox-actions';
import { countsByState, messageById, type MessageRow } from '../digital-post/outbox/outbox-repo';
import { countToPrint, postedByName } from '../digital-post/physical-post/print-list';
import { API_CREDENTIAL_SECRET, CERTIFICATE_PASSWORD_SECRET, priceOre, type DigitalPostSettings } from '../digital-post/settings';
import { normaliseBasicCredential } from '../digital-post/transport/ngdp-credentials';
import type { OutgoingLetter } from '../digital-post/digital-post-port';
import { maskCpr } from '../cpr/cpr';
import { isoAt } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { HandlerContext, HandlerTable } from './handler';
import { currentUser, language, requireAdmin } from './handler';
import type { DIGITAL_POST_METHOD_NAMES } from '../contract/digital-post-names';
import type { MethodParsed } from '../contract';
import { checkCertificateFile, checkHostOrUrl, refuseInvalidSettings } from '../integration-settings/setting-checks';

type Methods = (typeof DIGITAL_POST_METHOD_NAMES)[number];

const dp = (ctx: HandlerContext) => ctx.services.digitalPost;

function recordCpr(ctx: HandlerContext, recordId: number): string | null {
  const row = ctx.services.db.prepare('SELECT cpr FROM records WHERE id = ?').get(recordId) as { cpr: string | null } | undefined;
  if (!row) throw notFound('Record');
  return row.cpr;
}

/** The letter a caseworker composed on a record: body on the letterhead as PDF, uploaded PDFs attached. */
function composedLetter(ctx: HandlerContext, input: MethodParsed<'previewDigitalPost'>, idempotencyKey: string): OutgoingLetter {
  const lang = language(ctx);
  const cpr = recordCpr(ctx, input.recordId);
  if (!cpr) {
    throw new DomainError('validation_failed', lang === 'da' ? 'Sagen har intet CPR-nummer; brevet kan ikke sendes med Digital Post' : 'The record has no CPR number; the letter cannot be sent by Digital Post');
  }
  return {
    recordId: input.recordId,
    recipientCpr: cpr,
    subject: input.subject,
    ...(input.notification ? { notification: input.notification } : {}),
    // On the workspace's letterhead; preview and send both come through here, so the preview is what is sent.
    mainDocument: {
      fileName: `${safeName(input.subject)}.pdf`,
      content: ctx.services.documents.recordLetter({ recordId: input.recordId, subject: input.subject, body: input.body, actingUserId: ctx.session.userId }).pdf,
    },
    attachments: input.attachments.map((a) => ({ fileName: a.fileName, content: decodePdf(a.contentBase64, a.fileName, lang) })),
    idempotencyKey,
  };
}

const safeName = (s: string) => s.replace(/[<>:"/\\|?*\r\n\u00A0\u2000-\u200A\u2028\u205F\u2060\u3000]/gu, '-').trim().slice(0, 100) || 'brev';

function decodePdf(base64: string, fileName: string, lang: Language): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new DomainError('validation_failed', lang === 'da' ? `Filen "${fileName}" er ikke en PDF` : `The file "${fileName}" is not a PDF`);
  }
  return new Uint8Array(bytes);
}

function settingsView(ctx: HandlerContext, s: DigitalPostSettings): DigitalPostSettingsView {
  return {
    transport: s.transport,
    endpoint: s.endpoint,
    certificatePath: s.certificatePath,
    certificatePasswordSet: ctx.services.config.secrets.get(CERTIFICATE_PASSWORD_SECRET) !== null,
    apiCredentialSet: ctx.services.config.secrets.get(API_CREDENTIAL_SECRET) !== null,
    eboksHost: s.eboksHost,
    eboksSystemId: s.eboksSystemId,
    eboksClientId: s.eboksClientId,
    eboksContentTypeId: s.eboksContentTypeId,
    senderCvr: s.senderCvr,
    senderLabel: s.senderLabel,
    perMessageOre: s.prices.perMessageOre,
    perMbOre: s.prices.perMbOre,
    capOre: s.prices.capOre,
    maxAttempts: s.maxAttempts,
    awaitReceiptHours: s.awaitReceiptHours,
    sandboxMailboxUrl: dp(ctx).sandboxMailboxUrl,
    sandboxCertificatePath: dp(ctx).sandboxClient?.p12Path ?? null,
  };
}

const view = (ctx: HandlerContext, row: MessageRow) => messageView(ctx.services.db, row, language(ctx));
const touched = (ctx: HandlerContext, recordId: number | null) => ctx.services.events.emit('recordsChanged', { recordIds: recordId === null ? [] : [recordId] });

export const digitalPostHandlers: HandlerTable<Methods> = {
  listRecordMessages: (input, ctx) => {
    currentUser(ctx);
    const rows = ctx.services.db.prepare('SELECT * FROM digital_post_messages WHERE record_id = ? ORDER BY id DESC LIMIT 200').all(input.recordId) as MessageRow[];
    return rows.map((r) => view(ctx, r));
  },
  previewDigitalPost: (input, ctx) => {
    currentUser(ctx);
    const letter = composedLetter(ctx, input, 'preview');
    const prepared = dp(ctx).outbox.prepare(letter);
    const s = dp(ctx).settings();
    const all = [letter.mainDocument, ...(letter.attachments ?? [])];
    return {
      subject: letter.subject,
      notification: letter.notification ?? '',
      senderLabel: s.senderLabel,
      senderCvr: s.senderCvr,
      recipientMasked: maskCpr(prepared.cpr),
      files: all.map((f, i) => ({ fileName: f.fileName, bytes: f.content.byteLength, role: i === 0 ? ('main' as const) : ('attachment' as const), contentBase64: Buffer.from(f.content).toString('base64') })),
      memoBytes: prepared.memo.length,
      costOre: priceOre(prepared.memo.length, s.prices),
    };
  },
  sendDigitalPost: async (input, ctx) => {
    const user = currentUser(ctx);
    // One key per compose dialog: the same request again returns the letter it queued.
    const key = `compose:${user.id}:${input.requestId}`;
    const already = ctx.services.db.prepare('SELECT * FROM digital_post_messages WHERE idempotency_key = ?').get(key) as MessageRow | undefined;
    if (already) return view(ctx, already);
    const { requestId: _requestId, ...composed } = input;
    const letter = composedLetter(ctx, composed, key);
    // Stopped before anything is queued when the letter would exceed the month's Digital Post budget.
    assertWithinBudget(ctx.services.budgets, [{ kind: 'digital_post', costOre: priceOre(dp(ctx).outbox.prepare(letter).memo.length, dp(ctx).settings().prices) }], language(ctx));
    const queued = ctx.services.db.transaction(() => {
      const q = dp(ctx).outbox.queue(letter, { createdBy: user.id });
      writeAudit(ctx.services.db, {
        at: isoAt(ctx.services.clock.now()),
        userId: user.id,
        recordId: input.recordId,
        action: 'digital_post.queued',
        details: { messageUuid: q.messageUuid, subject: input.subject },
      });
      return q;
    })();
    // Exempt citizens are routed to physical post before anything is sent (the
    // real contact shape: contacts[].mailboxSubscription.publicRegistrationStatus).
    // When Digital Post cannot be asked now, the letter goes as queued and the
    // access point's NOT_ALLOWED answer routes it instead.
    const contact = await dp(ctx).lookupContact(letter.recipientCpr).catch(() => 'UNKNOWN' as const);
    if (contact === 'EXEMPT') routeToPhysicalPost(ctx.services.db, ctx.services.clock, ctx.services.notifications, queued.messageId, 'recipient.exempt');
    touched(ctx, input.recordId);
    return view(ctx, messageById(ctx.services.db, queued.messageId) as MessageRow);
  },
  checkDigitalPostExemption: async (input, ctx) => {
    currentUser(ctx);
    const lang = language(ctx);
    const da = lang === 'da';
    const cpr = recordCpr(ctx, input.recordId);
    if (!cpr || !checkCpr(cpr).ok) return { status: 'no_cpr', text: da ? 'Sagen har intet gyldigt CPR-nummer.' : 'The record has no valid CPR number.' };
    try {
      const status = await dp(ctx).lookupContact(cpr);
      const text = {
        REGISTERED: da ? 'Borgeren modtager Digital Post.' : 'The citizen receives Digital Post.',
        EXEMPT: da
          ? 'Borgeren er fritaget for Digital Post. Brevet markeres til fysisk post, og du får besked.'
          : 'The citizen is exempt from Digital Post. The letter will be marked for physical post and you will be notified.',
        CLOSED: da ? 'Borgerens digitale postkasse er lukket.' : "The citizen's digital mailbox is closed.",
        UNKNOWN: da ? 'Det er ukendt, om borgeren modtager Digital Post.' : 'It is not known whether the citizen receives Digital Post.',
      }[status];
      return { status, text };
    } catch {
      return { status: 'unreachable', text: da ? 'Digital Post kunne ikke spørges lige nu.' : 'Digital Post could not be asked right now.' };
    }
  },
  getMessageProof: (input, ctx) => {
    currentUser(ctx);
    const row = messageById(ctx.services.db, input.id);
    if (!row) throw notFound('Message');
    const number = row.record_id === null ? null : ((ctx.services.db.prepare('SELECT number FROM records WHERE id = ?').pluck().get(row.record_id) as string | undefined) ?? null);
    const proof = proofOfDelivery(row, number, isoAt(ctx.services.clock.now()), postedByName(ctx.services.db, row));
    return { fileName: `leveringsbevis-${row.message_uuid}.json`, json: JSON.stringify(proof, null, 2) };
  },
  getOutbox: (input, ctx) => {
    currentUser(ctx);
    const rows = (
      input.state
        ? ctx.services.db.prepare('SELECT * FROM digital_post_messages WHERE state = ? ORDER BY id DESC LIMIT ?').all(input.state, input.limit ?? 100)
        : ctx.services.db.prepare('SELECT * FROM digital_post_messages ORDER BY id DESC LIMIT ?').all(input.limit ?? 100)
    ) as MessageRow[];
    return { counts: countsByState(ctx.services.db), ...dp(ctx).sender.status(), messages: rows.map((r) => view(ctx, r)), toPrint: countToPrint(ctx.services.db) };
  },
  retryMessage: (input, ctx) => {
    const user = currentUser(ctx);
    const row = retryMessage(ctx.services.db, ctx.services.clock, input.id, user.id);
    dp(ctx).sender.wake();
    touched(ctx, row.record_id);
    return view(ctx, row);
  },
  cancelMessage: (input, ctx) => {
    const user = currentUser(ctx);
    const row = cancelMessage(ctx.services.db, ctx.services.clock, input.id, user.id);
    touched(ctx, row.record_id);
    return view(ctx, row);
  },
  getDigitalPostSettings: (_input, ctx) => {
    currentUser(ctx);
    return settingsView(ctx, dp(ctx).settings());
  },
  saveDigitalPostSettings: (input, ctx) => {
    requireAdmin(ctx);
    const lang = language(ctx);
    // Before anything is stored: the certificate must open with the password given (or the one stored), an e-Boks host must be https.
    const password = input.certificatePassword || ctx.services.config.secrets.get(CERTIFICATE_PASSWORD_SECRET);
    refuseInvalidSettings([
      input.certificatePath.trim() ? checkCertificateFile('certificatePath', input.certificatePath.trim(), password) : null,
      input.transport === 'eboks' ? checkHostOrUrl('eboksHost', input.eboksHost, { sandbox: ctx.services.config.sandbox }) : null,
    ]);
    if (!/^\d{8}$/.test(input.senderCvr)) {
      throw new DomainError('validation_failed', lang === 'da' ? 'CVR-nummeret skal være 8 cifre' : 'The CVR number must be 8 digits', [{ field: 'senderCvr', key: 'cvr_format' }]);
    }
    if (input.transport === 'ngdp' && !/^https:\/\//.test(input.endpoint)) {
      throw new DomainError('validation_failed', lang === 'da' ? 'Adressen skal begynde med https://' : 'The address must start with https://', [{ field: 'endpoint', key: 'https_required' }]);
    }
    const credential = input.apiCredential?.trim() ? normaliseBasicCredential(input.apiCredential) : null;
    if (input.apiCredential?.trim() && !credential) {
      throw new DomainError(
        'validation_failed',
        lang === 'da' ? 'Basic-værdien skal være to UUID\'er adskilt af kolon ("uuidA:uuidB") eller deres base64' : 'The Basic value must be two UUIDs separated by a colon ("uuidA:uuidB") or their base64',
        [{ field: 'apiCredential', key: 'credential_format' }],
      );
    }
    const storeSecret = (name: string, value: string, envName: string) => {
      try {
        ctx.services.config.secrets.set(name, value);
      } catch {
        throw new DomainError('not_allowed', lang === 'da' ? `Hemmeligheden kan ikke gemmes her; sæt miljøvariablen ${envName}` : `The secret cannot be stored here; set the environment variable ${envName}`);
      }
    };
    if (input.certificatePassword !== undefined && input.certificatePassword !== '') {
      storeSecret(CERTIFICATE_PASSWORD_SECRET, input.certificatePassword, 'CASEWORKER_SECRET_DIGITAL_POST_CERTIFICATE_PASSWORD');
    }
    if (credential) storeSecret(API_CREDENTIAL_SECRET, credential, 'CASEWORKER_SECRET_DIGITAL_POST_API_CREDENTIAL');
    const current = dp(ctx).settings();
    const saved = dp(ctx).saveSettings({
      ...current,
      transport: input.transport,
      endpoint: input.endpoint,
      certificatePath: input.certificatePath,
      eboksHost: input.eboksHost,
      eboksSystemId: input.eboksSystemId,
      eboksClientId: input.eboksClientId,
      eboksContentTypeId: input.eboksContentTypeId,
      senderCvr: input.senderCvr,
      senderLabel: input.senderLabel,
      prices: { ...current.prices, perMessageOre: input.perMessageOre, perMbOre: input.perMbOre, capOre: input.capOre },
      maxAttempts: input.maxAttempts,
      ...(input.awaitReceiptHours !== undefined ? { awaitReceiptHours: input.awaitReceiptHours } : {}),
    });
    return settingsView(ctx, saved);
  },
  testDigitalPostConnection: async (_input, ctx) => {
    requireAdmin(ctx);
    const r = await dp(ctx).testConnection(language(ctx));
    const coded = { cause: r.cause ?? null, params: r.params ?? {} };
    return r.ok ? { ok: true, problem: null, detail: r.detail, ...coded } : { ok: false, problem: r.problem, detail: r.detail, ...coded };
  },
  getCostOverview: (input, ctx) => {
    currentUser(ctx);
    const names = new Map(ctx.services.workspace.snapshot().workflows.map((w) => [w.id, w.name]));
    return ctx.services.costs.overview(input.fromMonth ?? '0000-00', input.toMonth ?? '9999-99').map((l) => ({
      ...l,
      workflowName: l.workflowId === null ? '' : (names.get(l.workflowId) ?? ''),
    }));
  },
};
