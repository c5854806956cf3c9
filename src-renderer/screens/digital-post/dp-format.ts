import type { AppError } from '../../../src-main/contract';
import { formatKroner } from '../../../src-main/shared/danish-formats';

/** Øre as kroner with two decimals, Danish style (1.234,50 kr.). */
export const kroner = (ore: number | null): string => (ore === null ? '' : `${formatKroner(ore)} kr.`);

/** The plain-words texts the server put on a refused letter (e.g. a forbidden file name), in the caseworker's language. */
export function problemTexts(error: AppError | null): string[] {
  return (error?.fieldErrors ?? []).map((f) => String(f.params?.text ?? '')).filter((t) => t !== '');
}

/** Saves text as a file through a temporary link (works in Electron and the browser). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
