/** How a CSV file's bytes were read. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/**
 * The one decoder of CSV files, for the CLI and the app's import screen alike:
 * UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252, which Danish
 * Excel writes ("Søren Østergård" then survives instead of becoming "S�ren").
 * A UTF-8 byte order mark is dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
