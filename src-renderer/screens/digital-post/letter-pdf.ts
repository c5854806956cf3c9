import { pdfUrl } from './dp-format';

/** Today as dd-mm-åååå in the caseworker's own clock. */
export function todayDanish(): string {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
}

/** Saves a PDF (base64 from the API) through a temporary blob: link. */
export function downloadPdf(base64: string, fileName: string): void {
  const url = pdfUrl(base64);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Prints a PDF in the browser's own PDF viewer: a hidden iframe on a blob: URL
 * (the CSP's `frame-src blob:` allows it; window.open is denied by the shell)
 * whose window opens the print dialog once the PDF has loaded. One frame at a
 * time; it is replaced by the next print.
 */
export function printPdf(base64: string): HTMLIFrameElement {
  document.querySelectorAll('iframe[data-testid="print-frame"]').forEach((f) => {
    URL.revokeObjectURL(f.getAttribute('src') ?? '');
    f.remove();
  });
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.title = 'print';
  frame.dataset.testid = 'print-frame';
  frame.addEventListener('load', () => {
    try {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
      frame.dataset.printed = 'true';
    } catch {
      // A viewer that does not let its window print: the caseworker can still open and print the letter from the viewer.
      frame.dataset.printed = 'false';
    }
  });
  frame.src = pdfUrl(base64);
  document.body.append(frame);
  return frame;
}
