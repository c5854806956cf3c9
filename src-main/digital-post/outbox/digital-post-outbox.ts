import { createHash, randomUUID } from 'node:crypto';
import type { Language } from '../../contract';
import { checkCpr } from '../../cpr/cpr';
import type { Clock } from '../../shared/clock';
import { isoAt } from '../../shared/clock';
import { DomainError } from '../../shared/domain-error';
import type { Db } from '../../store/database';
import { preparedOnce } from '../../store/statement-cache';
import type { DigitalPostPort, OutgoingLetter, QueuedLetter } from '../digital-post-port';
import { buildMemo } from '../memo/memo-builder';
import type { MemoInput } from '../memo/memo-types';
import { memoProblemText } from '../memo/problem-text';
import { memoLimitsOf, type DigitalPostSettings } from '../settings';
import { addEvent } from './outbox-repo';

export interface OutboxDeps {
  db: Db;
  clock: Clock;
  settings: () => DigitalPostSettings;
  language: () => Language;
  /** Told after a letter is queued (wakes the sender). */
  onQueued?: (recordId: number | null) => void;
  newUuid?: () => string;
}

export interface FileSummary {
  fileName: string;
  bytes: number;
  sha256: string;
  role: 'main' | 'attachment';
}

/**
 * The Digital Post outbox: `queue` builds the MeMo message once, stores its
 * exact bytes and SHA-256 with a messageUUID fixed for good, all inside the
 * caller's transaction. A second call with the same idempotency key returns
 * the letter already queued.
 */
export class DigitalPostOutbox implements DigitalPostPort {
  constructor(private readonly deps: OutboxDeps) {}

  queue(letter: OutgoingLetter, options: { createdBy?: number | null; mailingId?: number | null } = {}): QueuedLetter {
    const { db, clock } = this.deps;
    const existing = preparedOnce(db, 'SELECT id, message_uuid FROM digital_post_messages WHERE idempotency_key = ?').get(letter.idempotencyKey) as
      | { id: number; message_uuid: string }
      | undefined;
    if (existing) return { messageId: existing.id, messageUuid: existing.message_uuid };

    const prepared = this.prepare(letter);
    const now = clock.now();
    return db.transaction(() => {
      const info = preparedOnce(
        db,
        `INSERT INTO digital_post_messages (message_uuid, idempotency_key, record_id, mailing_id, recipient_cpr, subject, notification, files,
           memo, memo_sha256, memo_bytes, state, next_attempt_at, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
      ).run(
        prepared.uuid,
        letter.idempotencyKey,
        letter.recordId,
        options.mailingId ?? letter.mailingId ?? null,
        prepared.cpr,
        letter.subject,
        letter.notification ?? '',
        JSON.stringify(prepared.files),
        prepared.memo,
        prepared.sha256,
        prepared.memo.length,
        now,
        isoAt(now),
        options.createdBy ?? null,
      );
      const messageId = Number(info.lastInsertRowid);
      addEvent(db, messageId, now, 'queued');
      this.deps.onQueued?.(letter.recordId);
      return { messageId, messageUuid: prepared.uuid };
    })();
  }

  /** Validates and builds without storing: the preview and the queue share it. Throws DomainError in plain words. */
  prepare(letter: OutgoingLetter): { uuid: string; cpr: string; memo: Buffer; sha256: string; files: FileSummary[] } {
    const lang = this.deps.language();
    const cpr = checkCpr(letter.recipientCpr);
    if (!cpr.ok) {
      throw new DomainError(
        'validation_failed',
        lang === 'da' ? 'Modtagerens CPR-nummer er ugyldigt' : "The recipient's CPR number is not valid",
        [{ field: 'recipientCpr', key: cpr.problem }],
      );
    }
    const settings = this.deps.settings();
    const uuid = (this.deps.newUuid ?? randomUUID)();
    const input: MemoInput = {
      messageUuid: uuid,
      createdAt: isoAt(this.deps.clock.now()),
      sender: { cvr: settings.senderCvr, label: settings.senderLabel },
      recipient: { cpr: cpr.cpr },
      label: letter.subject,
      ...(letter.notification ? { notification: letter.notification } : {}),
      mainDocument: {
        files: [{ filename: letter.mainDocument.fileName, content: letter.mainDocument.content }],
        actions: (letter.actions ?? []).map((a) => ({ label: a.label, actionCode: a.action, url: a.url })),
      },
      additionalDocuments: (letter.attachments ?? []).map((a) => ({ files: [{ filename: a.fileName, content: a.content }] })),
    };
    const built = buildMemo(input, memoLimitsOf(settings));
    if (!built.ok) {
      const texts = built.problems.map((p) => memoProblemText(p, lang));
      throw new DomainError(
        'validation_failed',
        texts.join('; '),
        built.problems.map((p) => ({ field: p.path, key: `digital_post_${p.key}`, params: { text: memoProblemText(p, lang) } })),
      );
    }
    const memo = Buffer.from(built.xml, 'utf8');
    const files: FileSummary[] = [
      { ...summary(letter.mainDocument.fileName, letter.mainDocument.content), role: 'main' },
      ...(letter.attachments ?? []).map((a) => ({ ...summary(a.fileName, a.content), role: 'attachment' as const })),
    ];
    return { uuid, cpr: cpr.cpr, memo, sha256: createHash('sha256').update(memo).digest('hex'), files };
  }
}

const summary = (fileName: string, content: Uint8Array) => ({
  fileName,
  bytes: content.byteLength,
  sha256: createHash('sha256').update(content).digest('hex'),
});
