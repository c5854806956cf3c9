import { readFileSync } from 'node:fs';
import { fileError } from './cli-error';

/**
 * Reads a text file an administrator points at. Spreadsheets on Danish Windows
 * often save CSV as Windows-1252 rather than UTF-8; such a file is decoded as
 * Windows-1252 so æ, ø and å survive, and the caller is told.
 */
export function readTextFile(path: string): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
