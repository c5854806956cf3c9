import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMemo } from '../../../src-main/digital-post/memo/memo-builder';
import { EboksTransport } from '../../../src-main/digital-post/transport/eboks-transport';

/**
 * A stand-in for the e-Boks (proxy) endpoints exactly as magenta-aps/KAS calls them
 * (../shared/reference/eboks.md): PUT dispatches, GET /rest/messages/{clientId}/, GET /rest/client/{clientId}/.
 */
async function fakeEboks(clientPage: { status: number; body: string; type?: string } = { status: 200, body: '{"client_id":"99"}' }) {
  const puts: { path: string; contentType: string; body: string }[] = [];
  const statusAsks: string[][] = [];
  const seen = new Set<string>();
  const statuses = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const put = /^\/int\/rest\/srv\.svc\/3\/dispatchsystem\/(\d+)\/dispatches\/(\w+)$/.exec(url.pathname);
      if (req.method === 'PUT' && put) {
        puts.push({ path: url.pathname, contentType: String(req.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') });
        const id = put[2] as string;
        if (seen.has(id)) return res.writeHead(409).end();
        seen.add(id);
        statuses.set(id, 'pending');
        return res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({ message_id: id, recipients: [{ nr: '', recipient_type: 'cpr', nationality: 'Denmark', status: '', reject_reason: '', post_processing_status: '' }] }),
        );
      }
      if (req.method === 'GET' && url.pathname === '/rest/messages/99/') {
        const ids = url.searchParams.getAll('message_id');
        statusAsks.push(ids);
        return res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify(
            ids.filter((i) => statuses.has(i)).map((i) => ({
              message_id: i,
              proxy_response_code: '200',
              proxy_error: '',
              modified_at: '2026-12-04T10:00:00Z',
              recipients: [{ nr: '', recipient_type: 'cpr', nationality: 'Denmark', status: '', reject_reason: '', post_processing_status: statuses.get(i) === 'pending' ? 'pending' : '' }],
            })),
          ),
        );
      }
      if (req.method === 'GET' && url.pathname === '/rest/client/99/') return res.writeHead(clientPage.status, { 'content-type': clientPage.type ?? 'application/json' }).end(clientPage.body);
      res.writeHead(404).end('not found');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, puts, statusAsks, statuses };
}
const servers: http.Server[] = [];
const transports: EboksTransport[] = [];
afterEach(async () => {
  transports.splice(0).forEach((t) => t.close());
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

const pdf = (t: string) => new Uint8Array(Buffer.from(`%PDF-1.4\n% ${t}\n%%EOF\n`, 'latin1'));
const uuid = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const memo = () => {
  const r = buildMemo({
    messageUuid: uuid,
    createdAt: '2026-12-04T10:00:00Z',
    sender: { cvr: '12345678', label: 'Kommunen' },
    recipient: { cpr: '0101801234' },
    label: 'Afgørelse',
    mainDocument: { files: [{ filename: 'afgørelse.pdf', content: pdf('main') }] },
    additionalDocuments: [{ files: [{ filename: 'bilag & noter.pdf', content: pdf('one') }] }, { files: [{ filename: 'bilag2.pdf', content: pdf('two') }] }],
  });
  if (!r.ok) throw new Error('memo');
  return Buffer.from(r.xml, 'utf8');
};
const transport = (host: string, pending: string[] = []) => {
  const t = new EboksTransport({ host, systemId: '123', clientId: '99', contentTypeId: '77', pendingMessageUuids: () => pending });
  transports.push(t);
  return t;
};

describe('e-Boks v3 as KAS uses it', () => {
  it('sends every document of the letter, each under a message id with the configured client id', async () => {
    const fake = await fakeEboks();
    const outcome = await transport(fake.host).send({ messageUuid: uuid, memo: memo(), recipientCpr: '0101801234', subject: 'Afgørelse' });
    expect(outcome.kind).toBe('accepted');
    expect(fake.puts).toHaveLength(3);
    const ids = fake.puts.map((p) => /dispatches\/(\w+)$/.exec(p.path)?.[1] ?? '');
    expect(ids[0]).toBe(`00012399${uuid.replace(/-/g, '')}`);
    for (const id of ids) expect(id).toMatch(/^00012399[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(3);
    for (const p of fake.puts) {
      expect(p.path).toMatch(/^\/int\/rest\/srv\.svc\/3\/dispatchsystem\/123\/dispatches\//);
      expect(p.contentType).toBe('application/xml');
      expect(p.body).toContain('<Dispatch xmlns="urn:eboks:en:3.0.0"><DispatchRecipient><Id>0101801234</Id><Type>P</Type><Nationality>DK</Nationality></DispatchRecipient><ContentTypeId>77</ContentTypeId>');
    }
    const data = fake.puts.map((p) => Buffer.from(/<Data>([^<]*)<\/Data>/.exec(p.body)?.[1] ?? '', 'base64').toString('latin1'));
    expect(data.map((d) => /% (\w+)/.exec(d)?.[1])).toEqual(['main', 'one', 'two']);
    expect(fake.puts[1]?.body).toContain('<Title>Afgørelse - bilag 1: bilag &amp; noter.pdf</Title>');
  });

  it('a repeated send reuses the same ids, and 409 on our own id counts as already received', async () => {
    const fake = await fakeEboks();
    const t = transport(fake.host);
    await t.send({ messageUuid: uuid, memo: memo(), recipientCpr: '0101801234', subject: 'Afgørelse' });
    const again = await t.send({ messageUuid: uuid, memo: memo(), recipientCpr: '0101801234', subject: 'Afgørelse' });
    expect(again.kind).toBe('accepted');
    expect(fake.puts.slice(3).map((p) => p.path)).toEqual(fake.puts.slice(0, 3).map((p) => p.path));
  });

  it('polls the status endpoint: pending is no answer yet, then delivered', async () => {
    const fake = await fakeEboks();
    const t = transport(fake.host, [uuid]);
    await t.send({ messageUuid: uuid, memo: memo(), recipientCpr: '0101801234', subject: 'Afgørelse' });
    expect(await t.pollReceipts()).toEqual([]);
    expect(fake.statusAsks[0]).toEqual([`00012399${uuid.replace(/-/g, '')}`]);
    fake.statuses.set(`00012399${uuid.replace(/-/g, '')}`, 'done');
    expect(await t.pollReceipts()).toMatchObject([{ messageUuid: uuid, status: 'delivered', timeStamp: '2026-12-04T10:00:00Z' }]);
  });

  it('"Test connection" succeeds only on a proper answer', async () => {
    expect(await transport((await fakeEboks()).host).testConnection('da')).toMatchObject({ ok: true });
    const notFound = await transport((await fakeEboks({ status: 404, body: 'not found', type: 'text/plain' })).host).testConnection('da');
    expect(notFound).toMatchObject({ ok: false, problem: 'server', detail: expect.stringContaining('HTTP 404') });
    const page = await transport((await fakeEboks({ status: 200, body: '<html>login</html>', type: 'text/html' })).host).testConnection('da');
    expect(page).toMatchObject({ ok: false, problem: 'server', cause: 'improper_answer' });
    const refused = await transport((await fakeEboks({ status: 403, body: '' })).host).testConnection('da');
    expect(refused).toMatchObject({ ok: false, problem: 'certificate', detail: expect.stringContaining('klientcertifikat') });
  });
});
