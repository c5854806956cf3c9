import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A small real PDF, as a stand-in for a generated document. */
export async function smallPdf(text = 'Aftale om hjælp'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

/** Posts the signing page's forms the way a browser would, keeping its cookie. */
export class SigningPageVisitor {
  private cookie = '';
  constructor(private readonly href: string) {}

  async open(): Promise<{ status: number; html: string }> {
    const res = await fetch(this.href, { headers: { cookie: this.cookie } });
    return { status: res.status, html: await res.text() };
  }

  async post(path: `/${string}`, form: Record<string, string>): Promise<{ status: number; html: string }> {
    const res = await fetch(`${this.href}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookie },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return { status: res.status, html: await res.text() };
  }

  async loginAndSign(uuid: string): Promise<{ status: number; html: string }> {
    const login = await this.post('/login', { uuid });
    if (login.status !== 303) return login;
    return this.post('/sign', {});
  }
}
