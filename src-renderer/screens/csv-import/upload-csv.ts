import type { AppError, CaseworkerApi } from '../../../src-main/contract';
import { CSV_UPLOAD_PIECE_BYTES } from '../../../src-main/contract/types';

/** Base64 of some bytes, in slices (String.fromCharCode takes a bounded number of arguments). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a file's bytes to main piece by piece (1 MiB each), so no request is
 * large and main decodes the bytes itself (one decoder for the CLI and this
 * screen: Windows-1252 files read right). Resolves with the upload's id.
 */
export async function uploadCsv(
  api: CaseworkerApi,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ ok: true; uploadId: string } | { ok: false; error: AppError }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const started = await api.startCsvUpload({ size: bytes.length });
  if (!started.ok) return started;
  const { uploadId } = started.value;
  for (let offset = 0; offset < bytes.length; offset += CSV_UPLOAD_PIECE_BYTES) {
    const piece = bytes.subarray(offset, offset + CSV_UPLOAD_PIECE_BYTES);
    const sent = await api.appendCsvUpload({ uploadId, offset, data: toBase64(piece) });
    if (!sent.ok) return sent;
    onProgress(sent.value.received / bytes.length);
  }
  return { ok: true, uploadId };
}
