import { randomBytes } from 'node:crypto';
import { CSV_MAX_BYTES, CSV_UPLOAD_PIECE_BYTES } from '../contract';
import { DomainError, notFound } from '../shared/domain-error';

/** Files on their way at once, over all windows; the oldest is dropped for a new one. */
const MAX_UPLOADS = 4;
/** An upload not used for this long is dropped. */
const IDLE_MS = 30 * 60_000;

interface Upload {
  bytes: Uint8Array;
  received: number;
  /** The window (session) that started it: no other may add to it, read or import it. */
  owner: object;
  touched: number;
  /** Moved to the import's thread: it can be imported once. */
  used: boolean;
}

/**
 * CSV files that reach main piece by piece (at most 1 MiB each), so no single
 * request is large and parsing a request never holds the event loop for long.
 * The bytes are kept as they came; the import decodes them (decode-csv.ts).
 * Held in memory only, each at most CSV_MAX_BYTES, at most MAX_UPLOADS at once.
 */
export class CsvUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly now: () => number = Date.now) {}

  start(size: number, owner: object): string {
    if (size > CSV_MAX_BYTES) throw new DomainError('invalid_input', `the file is larger than ${CSV_MAX_BYTES / 1_000_000} MB`);
    this.dropIdle();
    while (this.uploads.size >= MAX_UPLOADS) this.uploads.delete(this.uploads.keys().next().value as string);
    const id = randomBytes(18).toString('base64url');
    // Shared memory: the preview and the import read the bytes on the second thread without a copy
    // of the whole file being made for it (a 50 MB file was held twice while it was previewed).
    this.uploads.set(id, { bytes: new Uint8Array(new SharedArrayBuffer(size)), received: 0, owner, touched: this.now(), used: false });
    return id;
  }

  /** Adds the next piece; pieces come in order, each at the offset where the last ended. */
  append(id: string, offset: number, base64: string, owner: object): number {
    const upload = this.get(id, owner);
    if (upload.used) throw new DomainError('invalid_input', 'the file was imported already; choose it again');
    if (offset !== upload.received) throw new DomainError('invalid_input', `the next piece starts at byte ${upload.received}, not ${offset}`);
    const piece = Buffer.from(base64, 'base64');
    if (piece.length > CSV_UPLOAD_PIECE_BYTES) throw new DomainError('invalid_input', 'a piece of the file is larger than 1 MiB');
    if (offset + piece.length > upload.bytes.length) throw new DomainError('invalid_input', 'the file is longer than announced');
    upload.bytes.set(piece, offset);
    upload.received += piece.length;
    return upload.received;
  }

  /** The whole file, once every byte has arrived. `take` hands it over to the import (it cannot be used again). */
  complete(id: string, owner: object, take: boolean): Uint8Array {
    const upload = this.get(id, owner);
    if (upload.used) throw new DomainError('invalid_input', 'the file was imported already; choose it again');
    if (upload.received !== upload.bytes.length) {
      throw new DomainError('invalid_input', `the file has not fully arrived (${upload.received} of ${upload.bytes.length} bytes)`);
    }
    if (take) upload.used = true;
    return upload.bytes;
  }

  /** Forgets an upload (after its import). */
  drop(id: string): void {
    this.uploads.delete(id);
  }

  private get(id: string, owner: object): Upload {
    this.dropIdle();
    const upload = this.uploads.get(id);
    if (!upload || upload.owner !== owner) throw notFound('Upload');
    upload.touched = this.now();
    return upload;
  }

  private dropIdle(): void {
    const now = this.now();
    for (const [id, upload] of this.uploads) if (now - upload.touched > IDLE_MS) this.uploads.delete(id);
  }
}
