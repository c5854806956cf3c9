import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateFolder, makeFilePrivate, PRIVATE_FILE_MODE } from '../../shared/private-files';
import type { ParsedMemo } from './memo-validator';

export interface SandboxLetter {
  memo: ParsedMemo;
  transmissionId: string;
  receivedAt: number;
  /** How many POSTs carried this messageUUID (the first created the letter). */
  posts: number;
  receipt: Record<string, unknown>;
  physical: boolean;
}

export interface PendingReceipt {
  id: string;
  dueAt: number;
  body: Record<string, unknown>;
}

/** Everything the sandbox remembers, in memory: letters by messageUUID, mailboxes by CPR, receipts not yet acknowledged. */
export class SandboxState {
  readonly letters = new Map<string, SandboxLetter>();
  readonly byRecipient = new Map<string, string[]>();
  readonly receipts = new Map<string, PendingReceipt>();
  totalPosts = 0;

  /**
   * With a journal file the sandbox survives an app restart: letters and
   * unacknowledged receipts are replayed from it (one JSON line per event).
   */
  constructor(private readonly journal: string | null = null) {
    if (!journal) return;
    // The journal holds CPR numbers and letters: this account's alone.
    ensurePrivateFolder(dirname(journal), { tighten: true });
    makeFilePrivate(journal);
    if (!existsSync(journal)) return;
    for (const line of readFileSync(journal, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const e = JSON.parse(line) as { t: 'letter'; letter: SandboxLetter; receipt: PendingReceipt | null } | { t: 'ack'; id: string };
        if (e.t === 'letter') this.store(e.letter, e.receipt);
        else this.receipts.delete(e.id);
      } catch {
        // A line cut short by a crash is skipped.
      }
    }
  }

  private store(letter: SandboxLetter, receipt: PendingReceipt | null): void {
    this.letters.set(letter.memo.messageUuid, letter);
    const list = this.byRecipient.get(letter.memo.recipientId) ?? [];
    list.push(letter.memo.messageUuid);
    this.byRecipient.set(letter.memo.recipientId, list);
    if (receipt) this.receipts.set(receipt.id, receipt);
  }

  acknowledge(id: string): void {
    if (this.receipts.delete(id) && this.journal) appendFileSync(this.journal, `${JSON.stringify({ t: 'ack', id })}\n`, { mode: PRIVATE_FILE_MODE });
  }

  /** Stores a letter once per messageUUID; a repeated POST only counts. */
  accept(memo: ParsedMemo, now: number, status: 'RECEIVED' | 'NOT_ALLOWED', deliveryDelayMs: number, errorCode = ''): SandboxLetter {
    const existing = this.letters.get(memo.messageUuid);
    if (existing) {
      existing.posts += 1;
      return existing;
    }
    const transmissionId = randomUUID();
    const receipt = {
      transmissionId,
      messageUUID: memo.messageUuid,
      messageId: null,
      errorCode: errorCode || null,
      errorMessage: errorCode ? 'The recipient is exempt from Digital Post (fritaget); send the letter by physical post.' : null,
      timeStamp: new Date(now).toISOString(),
      receiptStatus: status,
    };
    const letter: SandboxLetter = { memo, transmissionId, receivedAt: now, posts: 1, receipt, physical: status === 'NOT_ALLOWED' };
    let pending: PendingReceipt | null = null;
    if (status === 'RECEIVED') {
      const id = randomUUID();
      const dueAt = now + deliveryDelayMs;
      pending = {
        id,
        dueAt,
        body: {
          id,
          transmissionId,
          messageUUID: memo.messageUuid,
          receiptStatus: 'COMPLETED',
          // "Afleveret Digital Post": delivered to the citizen's mailbox, the legal proof of delivery.
          statusText: 'Afleveret Digital Post',
          timeStamp: new Date(dueAt).toISOString(),
          errorCode: null,
          errorMessage: null,
        },
      };
    }
    this.store(letter, pending);
    if (this.journal) appendFileSync(this.journal, `${JSON.stringify({ t: 'letter', letter, receipt: pending })}\n`, { mode: PRIVATE_FILE_MODE });
    return letter;
  }

  dueReceipts(now: number, limit: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const r of this.receipts.values()) {
      if (r.dueAt <= now) out.push(r.body);
      if (out.length >= limit) break;
    }
    return out;
  }

  reset(): void {
    this.letters.clear();
    this.byRecipient.clear();
    this.receipts.clear();
    this.totalPosts = 0;
    if (this.journal) writeFileSync(this.journal, '', { mode: PRIVATE_FILE_MODE });
  }
}
