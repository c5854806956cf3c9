import { randomUUID } from 'node:crypto';
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
    this.letters.set(memo.messageUuid, letter);
    const list = this.byRecipient.get(memo.recipientId) ?? [];
    list.push(memo.messageUuid);
    this.byRecipient.set(memo.recipientId, list);
    if (status === 'RECEIVED') {
      const id = randomUUID();
      const dueAt = now + deliveryDelayMs;
      this.receipts.set(id, {
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
      });
    }
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
  }
}
