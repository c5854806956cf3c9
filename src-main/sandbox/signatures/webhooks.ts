import { createHmac, randomUUID } from 'node:crypto';
import { SandboxApiError } from './sandbox-api-error';

/**
 * Idura Signatures' webhooks, as the docs describe them: a JSON POST to the
 * order's `webhook.url`, an `X-Criipto-Signature` header with the base64
 * HMAC-SHA256 of the raw body when a secret is set, every non-200 answer
 * retried (5 s, 30 s, 60 s, 5 min, 60 min, 5 h, 12 h, 24 h, 36 h, 48 h), and
 * `validateConnectivity` as a WEBHOOK_VALIDATION event that must get a 200
 * within 5 seconds or the order is not created.
 */
export interface WebhookConfig {
  url: string;
  secret: Buffer | null;
}

export type WebhookEvent =
  | 'SIGNATORY_REJECTED'
  | 'SIGNATORY_SIGNED'
  | 'SIGNATORY_APPROVED'
  | 'SIGNATORY_SIGN_ERROR'
  | 'SIGNATURE_ORDER_EXPIRED'
  | 'SIGNATORY_SIGN_LINK_OPENED'
  | 'SIGNATORY_DOWNLOAD_LINK_OPENED'
  | 'SIGNATORY_DOCUMENT_STATUS_CHANGED';

export interface WebhookInvocationLog {
  __typename: 'WebhookSuccessfulInvocation' | 'WebhookHttpErrorInvocation' | 'WebhookTimeoutInvocation' | 'WebhookExceptionInvocation';
  timestamp: string;
  correlationId: string;
  url: string;
  requestBody: string;
  responseBody: string | null;
  event: WebhookEvent | null;
  signatureOrderId: string | null;
  responseStatusCode?: number;
  responseTimeout?: number;
  exception?: string;
  retryPayload?: string;
  retryingAt?: string | null;
}

export const IDURA_RETRY_DELAYS_MS = [5, 30, 60, 300, 3600, 5 * 3600, 12 * 3600, 24 * 3600, 36 * 3600, 48 * 3600].map((s) => s * 1000);
const VALIDATION_TIMEOUT_MS = 5000;
const DELIVERY_TIMEOUT_MS = 10_000;

export function webhookSignature(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/** Checks the shape Idura documents: an absolute http(s) URL and a 256–512 bit secret. */
export function webhookFromInput(input: { url: string; secret?: string | null } | null | undefined): WebhookConfig | null {
  if (!input) return null;
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new SandboxApiError(`webhook.url is not an absolute URL: ${input.url}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SandboxApiError('webhook.url must be an http or https URL.');
  const secret = input.secret ? Buffer.from(input.secret, 'base64') : null;
  if (secret && (secret.length < 32 || secret.length > 64)) throw new SandboxApiError('webhook.secret should be between 256 and 512 bits.');
  return { url: input.url, secret };
}

interface Attempt {
  orderId: string;
  config: WebhookConfig;
  body: string;
  event: WebhookEvent;
  attempt: number;
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logs = new Map<string, WebhookInvocationLog[]>();
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly retryDelaysMs: readonly number[] = IDURA_RETRY_DELAYS_MS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** validateConnectivity: refuses unless the URL answers 200 within 5 seconds. */
  async validate(config: WebhookConfig): Promise<void> {
    const body = JSON.stringify({ event: 'WEBHOOK_VALIDATION' });
    const result = await this.post(config, body, VALIDATION_TIMEOUT_MS);
    if (result.kind !== 'status' || result.status !== 200) {
      const why = result.kind === 'status' ? `HTTP ${result.status}` : result.kind === 'timeout' ? 'no answer within 5 seconds' : result.message;
      throw new SandboxApiError(`Webhook validation failed for ${config.url}: ${why}`);
    }
  }

  /** Queues one event; returns at once (deliveries never hold up the API or the signing page). */
  send(orderId: string, config: WebhookConfig | null, payload: { event: WebhookEvent } & Record<string, unknown>): void {
    if (!config || this.closed) return;
    this.attempt({ orderId, config, body: JSON.stringify(payload), event: payload.event, attempt: 0 });
  }

  /** retrySignatureOrderWebhook: the retryPayload of a failed invocation, sent again now. */
  retry(orderId: string, config: WebhookConfig | null, retryPayload: string): WebhookInvocationLog {
    const log = (this.logs.get(orderId) ?? []).find((l) => l.retryPayload === retryPayload);
    if (!config || !log) throw new SandboxApiError('Unknown retryPayload for this signature order.');
    const body = Buffer.from(retryPayload, 'base64url').toString('utf8');
    const entry: WebhookInvocationLog = { ...log, timestamp: this.now().toISOString(), correlationId: randomUUID() };
    this.attempt({ orderId, config, body, event: log.event ?? 'SIGNATORY_SIGNED', attempt: this.retryDelaysMs.length });
    return entry;
  }

  invocations(orderId: string, from: string, to: string, succeeded: boolean | null): WebhookInvocationLog[] {
    const lo = Date.parse(from);
    const hi = Date.parse(to);
    return (this.logs.get(orderId) ?? []).filter((l) => {
      const t = Date.parse(l.timestamp);
      if ((!Number.isNaN(lo) && t < lo) || (!Number.isNaN(hi) && t > hi)) return false;
      if (succeeded === null) return true;
      return succeeded === (l.__typename === 'WebhookSuccessfulInvocation');
    });
  }

  /** Resolves when no delivery is in flight (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private attempt(a: Attempt): void {
    const run = (async () => {
      const result = await this.post(a.config, a.body, DELIVERY_TIMEOUT_MS);
      const ok = result.kind === 'status' && result.status === 200;
      const delay = this.retryDelaysMs[a.attempt];
      const retryingAt = !ok && delay !== undefined && !this.closed ? new Date(this.now().getTime() + delay).toISOString() : null;
      const base = {
        timestamp: this.now().toISOString(),
        correlationId: randomUUID(),
        url: a.config.url,
        requestBody: a.body,
        responseBody: result.kind === 'status' ? result.body : null,
        event: a.event,
        signatureOrderId: a.orderId,
      };
      const retry = { retryPayload: Buffer.from(a.body).toString('base64url'), retryingAt };
      const log: WebhookInvocationLog = ok
        ? { __typename: 'WebhookSuccessfulInvocation', ...base, responseStatusCode: 200 }
        : result.kind === 'status'
          ? { __typename: 'WebhookHttpErrorInvocation', ...base, responseStatusCode: result.status, ...retry }
          : result.kind === 'timeout'
            ? { __typename: 'WebhookTimeoutInvocation', ...base, responseTimeout: DELIVERY_TIMEOUT_MS, ...retry }
            : { __typename: 'WebhookExceptionInvocation', ...base, exception: result.message, ...retry };
      const list = this.logs.get(a.orderId) ?? [];
      list.push(log);
      this.logs.set(a.orderId, list);
      if (retryingAt !== null && delay !== undefined) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.attempt({ ...a, attempt: a.attempt + 1 });
        }, delay);
        timer.unref();
        this.timers.add(timer);
      }
    })();
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  private async post(
    config: WebhookConfig,
    body: string,
    timeoutMs: number,
  ): Promise<{ kind: 'status'; status: number; body: string } | { kind: 'timeout' } | { kind: 'exception'; message: string }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (config.secret) headers['X-Criipto-Signature'] = webhookSignature(config.secret, body);
    try {
      const res = await fetch(config.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text().catch(() => '');
      return { kind: 'status', status: res.status, body: text.slice(0, 4096) };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError') return { kind: 'timeout' };
      return { kind: 'exception', message: e.cause?.code ?? e.message };
    }
  }
}
