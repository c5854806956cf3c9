import type { DigitalPostPort, OutgoingLetter, QueuedLetter } from '../../../src-main/digital-post/digital-post-port';
import type { DocumentPort } from '../../../src-main/documents/document-port';
import type { NotificationPort, NotificationRequest } from '../../../src-main/notifications/notification-port';
import { simplePdf } from './simple-pdf';

/** Records every letter; the same idempotency key returns the same letter, as the outbox promises. */
export class FakeDigitalPost implements DigitalPostPort {
  readonly letters: (OutgoingLetter & QueuedLetter)[] = [];
  queue(letter: OutgoingLetter): QueuedLetter {
    const found = this.letters.find((l) => l.idempotencyKey === letter.idempotencyKey);
    if (found) return { messageId: found.messageId, messageUuid: found.messageUuid };
    const queued = { messageId: 1000 + this.letters.length, messageUuid: crypto.randomUUID() };
    this.letters.push({ ...letter, ...queued });
    return queued;
  }
}

export class FakeNotifications implements NotificationPort {
  readonly published: NotificationRequest[] = [];
  publish(request: NotificationRequest): void {
    this.published.push(request);
  }
}

/** A real (small) PDF per call, naming the template and record, like the documents module will. */
export class FakeDocuments implements DocumentPort {
  readonly calls: { templateId: number; recordId: number }[] = [];
  generate(input: { templateId: number; recordId: number; caseworkerUserId: number | null }) {
    this.calls.push({ templateId: input.templateId, recordId: input.recordId });
    return { fileName: `aftale-${input.recordId}.pdf`, title: 'Aftale om hjælp', pdf: simplePdf('Aftale om hjælp', [`Skabelon ${input.templateId}`]) };
  }
  recordLetter(input: { recordId: number; subject: string; body: string }) {
    return { fileName: `brev-${input.recordId}.pdf`, title: input.subject, pdf: simplePdf(input.subject, [input.body]) };
  }
}
