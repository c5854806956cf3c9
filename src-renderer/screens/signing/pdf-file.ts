/** Opens (or downloads) a PDF the API returned as base64, through a Blob URL (allowed by the CSP). */
export function openPdf(base64: string, fileName: string, mode: 'view' | 'download'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  if (mode === 'download') a.download = fileName;
  else {
    a.target = '_blank';
    a.rel = 'noopener';
  }
  document.body.append(a);
  a.click();
  a.remove();
  // Give the viewer or the download a moment before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
