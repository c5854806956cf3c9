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
  /** An NgDP `Receipt` (absent values omitted, never null). */
  body: Record<string, unknown>;
}

/**
 * What a receipt id equals is not established by the reference (its own id,
 * the messageUUID or the transmissionId); the sandbox gives each receipt its
 * own uuid unless told to use one of the others, so the client is tested
 * against every reading.
 */
export type ReceiptIdReading = 'own' | 'messageUUID' | 'transmissionId';

const RECEIPT_FIELDS = ['transmissionId', 'messageUUID', 'messageId', 'errorCode', 'errorMessage', 'timeStamp', 'receiptStatus'] as const;

/** Only the fields of NgDP's Receipt DTO, absent ones omitted (the DTO declares no null). Cleans journals of older sandboxes too. */
export function receiptBody(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of RECEIPT_FIELDS) if (raw[k] !== null && raw[k] !== undefined && raw[k] !== '') out[k] = raw[k];
  return out;
}

/** Everything the sandbox remembers, in memory: letters by messageUUID, mailboxes by CPR, receipts not yet acknowledged. */
export class SandboxState {
  readonly letters = new Map<string, SandboxLetter>();
  readonly byRecipient = new Map<string, string[]>();
  readonly receipts = new Map<string, PendingReceipt>();
  /** Every receipt id ever issued, and how many DELETEs each got (evidence: acknowledged exactly once). */
  readonly issuedReceipts = new Set<string>();
  readonly deleteCalls = new Map<string, number>();
  receiptIdReading: ReceiptIdReading = 'own';
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
        if (e.t === 'letter') {
          e.letter.receipt = receiptBody(e.letter.receipt);
          this.store(e.letter, e.receipt ? { ...e.receipt, body: receiptBody(e.receipt.body) } : null);
        } else this.receipts.delete(e.id);
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
    if (receipt) {
      this.receipts.set(receipt.id, receipt);
      this.issuedReceipts.add(receipt.id);
    }
  }

  /** Deletes a receipt (acknowledged); false when there was none by that id. */
  acknowledge(id: string): boolean {
    this.deleteCalls.set(id, (this.deleteCalls.get(id) ?? 0) + 1);
    const had = this.receipts.delete(id);
    if (had && this.journal) appendFileSync(this.journal, `${JSON.stringify({ t: 'ack', id })}\n`, { mode: PRIVATE_FILE_MODE });
    return had;
  }

  /** Stores a letter once per messageUUID; a repeated POST only counts. */
  accept(memo: ParsedMemo, now: number, status: 'RECEIVED' | 'NOT_ALLOWED', deliveryDelayMs: number, errorCode = ''): SandboxLetter {
    const existing = this.letters.get(memo.messageUuid);
    if (existing) {
      existing.posts += 1;
      return existing;
    }
    const transmissionId = randomUUID();
    const receipt = receiptBody({
      transmissionId,
      messageUUID: memo.messageUuid,
      errorCode,
      errorMessage: errorCode ? 'The recipient is exempt from Digital Post (fritaget); send the letter by physical post.' : '',
      timeStamp: new Date(now).toISOString(),
      receiptStatus: status,
    });
    const letter: SandboxLetter = { memo, transmissionId, receivedAt: now, posts: 1, receipt, physical: status === 'NOT_ALLOWED' };
    let pending: PendingReceipt | null = null;
    if (status === 'RECEIVED') {
      const id = this.receiptIdReading === 'messageUUID' ? memo.messageUuid : this.receiptIdReading === 'transmissionId' ? transmissionId : randomUUID();
      const dueAt = now + deliveryDelayMs;
      pending = {
        id,
        dueAt,
        // COMPLETED: our reading of "Afleveret Digital Post" (delivered to the citizen's mailbox, the legal proof of delivery).
        body: receiptBody({ transmissionId, messageUUID: memo.messageUuid, receiptStatus: 'COMPLETED', timeStamp: new Date(dueAt).toISOString() }),
      };
    }
    this.store(letter, pending);
    if (this.journal) appendFileSync(this.journal, `${JSON.stringify({ t: 'letter', letter, receipt: pending })}\n`, { mode: PRIVATE_FILE_MODE });
    return letter;
  }

  /** Receipts due by now, oldest first (what `GET receipts/` pages through). */
  dueReceipts(now: number): PendingReceipt[] {
    const out: PendingReceipt[] = [];
    for (const r of this.receipts.values()) if (r.dueAt <= now) out.push(r);
    return out;
  }

  reset(): void {
    this.letters.clear();
    this.byRecipient.clear();
    this.receipts.clear();
    this.issuedReceipts.clear();
    this.deleteCalls.clear();
    this.totalPosts = 0;
    if (this.journal) writeFileSync(this.journal, '', { mode: PRIVATE_FILE_MODE });
  }
}
