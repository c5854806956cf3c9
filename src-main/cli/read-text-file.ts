import { readFileSync } from 'node:fs';
import { decodeCsvBytes, type CsvEncoding } from '../csv-import/decode-csv';
import { fileError } from './cli-error';

/** Reads a file's bytes, with the CLI's wording of a file that cannot be read. */
export function readFileBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

/**
 * Reads a text file an administrator points at. Spreadsheets on Danish Windows
 * often save CSV as Windows-1252 rather than UTF-8; such a file is decoded as
 * Windows-1252 so æ, ø and å survive (the same decoder as the app's CSV import).
 */
export function readTextFile(path: string): { text: string; encoding: CsvEncoding } {
  return decodeCsvBytes(readFileBytes(path));
}
