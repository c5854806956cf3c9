import { isUtf8 } from 'node:buffer';
import type { TextSlices } from './parse-csv';

/** How a CSV file's bytes were read. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/** Bytes decoded at a time when a file is read slice by slice. */
const SLICE_BYTES = 256 * 1024;

/** UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252 (see decodeCsvBytes). */
export function csvEncodingOf(bytes: Uint8Array): CsvEncoding {
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

/**
 * The one decoder of CSV files, for the CLI and the app's import screen alike:
 * UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252, which Danish
 * Excel writes ("Søren Østergård" then survives instead of becoming "S�ren").
 * A UTF-8 byte order mark is dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const encoding = csvEncodingOf(bytes);
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

/**
 * decodeCsvBytes slice by slice: the same text, handed out SLICE_BYTES at a
 * time, so a 50 MB file is read without its whole text in memory (as a
 * JavaScript string, Danish text takes two bytes a character: ~100 MB).
 * A character cut by a slice's end is completed from the next slice.
 */
export function decodeCsvSlices(bytes: Uint8Array): { slices: TextSlices; encoding: CsvEncoding; shareRead: () => number } {
  const encoding = csvEncodingOf(bytes);
  let read = 0;
  return {
    encoding,
    slices: function* () {
      const decoder = new TextDecoder(encoding);
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
        const last = at + SLICE_BYTES >= bytes.length;
        read = Math.min(bytes.length, at + SLICE_BYTES);
        yield decoder.decode(bytes.subarray(at, at + SLICE_BYTES), { stream: !last });
      }
      if (bytes.length === 0) yield '';
    },
    /** How much of the file the slices handed out so far cover (0–1). */
    shareRead: () => (bytes.length === 0 ? 1 : read / bytes.length),
  };
}
