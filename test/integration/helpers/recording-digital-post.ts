// A recording DigitalPostPort for tests and benchmarks: it stores every queued
// letter (PDF bytes included) in a table of the same SQLite database, once per
// idempotency key, so the I/O cost of queueing is real and duplicates show.
import type { DigitalPostPort, OutgoingLetter, QueuedLetter } from '../../../src-main/digital-post/digital-post-port';
import type { Db } from '../../../src-main/store/database';

export interface RecordingPort extends DigitalPostPort {
  count(): number;
  /** Every queueing call, duplicates included. */
  calls: number;
  letters(): { recordId: number | null; cpr: string; subject: string; fileName: string; pdf: Buffer; key: string }[];
}

export function recordingDigitalPost(db: Db, options: { failAfter?: number } = {}): RecordingPort {
  db.exec(`CREATE TABLE IF NOT EXISTS test_outbox (
    id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, record_id INTEGER, cpr TEXT NOT NULL,
    subject TEXT NOT NULL, file_name TEXT NOT NULL, pdf BLOB NOT NULL, uuid TEXT NOT NULL)`);
  const find = db.prepare('SELECT id, uuid FROM test_outbox WHERE idempotency_key = ?');
  const insert = db.prepare('INSERT INTO test_outbox (idempotency_key, record_id, cpr, subject, file_name, pdf, uuid) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const port: RecordingPort = {
    calls: 0,
    queue(letter: OutgoingLetter): QueuedLetter {
      port.calls += 1;
      if (options.failAfter !== undefined && port.calls > options.failAfter) throw new Error('simulated crash in the outbox');
      const existing = find.get(letter.idempotencyKey) as { id: number; uuid: string } | undefined;
      if (existing) return { messageId: existing.id, messageUuid: existing.uuid };
      const uuid = crypto.randomUUID();
      const id = Number(
        insert.run(letter.idempotencyKey, letter.recordId, letter.recipientCpr, letter.subject, letter.mainDocument.fileName, letter.mainDocument.content, uuid)
          .lastInsertRowid,
      );
      return { messageId: id, messageUuid: uuid };
    },
    count: () => db.prepare('SELECT count(*) FROM test_outbox').pluck().get() as number,
    letters: () =>
      (
        db.prepare('SELECT record_id, cpr, subject, file_name, pdf, idempotency_key FROM test_outbox ORDER BY id').all() as {
          record_id: number | null;
          cpr: string;
          subject: string;
          file_name: string;
          pdf: Buffer;
          idempotency_key: string;
        }[]
      ).map((r) => ({ recordId: r.record_id, cpr: r.cpr, subject: r.subject, fileName: r.file_name, pdf: r.pdf, key: r.idempotency_key })),
  };
  return port;
}
