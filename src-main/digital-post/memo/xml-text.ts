/**
 * Text for XML 1.0 element content: the five special characters escaped and
 * the control characters XML forbids removed (a stray form feed from a pasted
 * text must not make the whole message invalid at the access point).
 */
export function xmlText(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex -- removing exactly these control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
