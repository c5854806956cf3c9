import type { DigitalPostPort, OutgoingLetter, QueuedLetter } from '../digital-post/digital-post-port';

/**
 * Stand-in for the Digital Post outbox until its branch is merged: keeps the
 * queued letters in memory, once per idempotency key, so mailings can be
 * prepared and previewed end to end. The lead replaces it with the real,
 * durable outbox at merge (services.ts, one line); nothing here is sent.
 */
export function createHeldLettersPort(): DigitalPostPort & { held(): number } {
  const byKey = new Map<string, QueuedLetter>();
  return {
    queue(letter: OutgoingLetter): QueuedLetter {
      let queued = byKey.get(letter.idempotencyKey);
      if (!queued) {
        queued = { messageId: byKey.size + 1, messageUuid: crypto.randomUUID() };
        byKey.set(letter.idempotencyKey, queued);
      }
      return queued;
    },
    held: () => byKey.size,
  };
}
