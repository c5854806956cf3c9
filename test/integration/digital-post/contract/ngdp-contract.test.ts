// Contract tests: every NgDP operation our client uses, both directions,
// validated with Ajv against the JSON Schemas of the real 1.68.0 DTOs
// (ngdp-1.68.0.schema.json). Requests: what our client put on the wire
// (query/path parameters; the MeMo body against the MeMo 1.2 XSD with
// xmllint). Answers: what the sandbox said, against the DTO declared for that
// status, with no undeclared property at any level. A sandbox that drifts
// from a real shape fails here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messageById } from '../../../../src-main/digital-post/outbox/outbox-repo';
import { NgdpTransport } from '../../../../src-main/digital-post/transport/ngdp-transport';
import { useTestApps } from '../../helpers/test-app';
import { connect, pdfBytes, useSandboxes } from '../dp-helpers';
import { closedDto, dto, errorsOf, requestSchemas, type Dto } from './ngdp-schemas';
import { recordingProxy, type Exchange } from './recording-proxy';

const { open } = useTestApps();
const sandbox = useSandboxes();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

type Operation = 'sendMemo' | 'listReceipts' | 'fetchReceipt' | 'deleteReceipt' | 'queryContacts' | 'bulkReceipts';

/** Operation of an exchange, and the DTO NgDP 1.68.0 declares for each status (null: no body). ngdp/README.md §3. */
function operationOf(e: Exchange): { op: Operation; responses: Record<number, Dto | null>; id?: string } {
  const one = /^\/receipts\/([^/]+)$/.exec(e.path);
  if (e.method === 'POST' && e.path === '/memos') return { op: 'sendMemo', responses: { 201: 'Receipt', 400: 'ErrorMessage', 401: 'ErrorMessage', 403: 'ErrorMessage', 503: 'Receipt' } };
  if (e.method === 'GET' && e.path === '/receipts') return { op: 'listReceipts', responses: { 200: 'PagingResultUUID', 400: 'ErrorMessage', 404: 'ErrorMessage' } };
  if (e.method === 'GET' && one) return { op: 'fetchReceipt', id: one[1] as string, responses: { 200: 'Receipt', 201: 'Receipt', 400: 'ErrorMessage', 404: 'ErrorMessage' } };
  if (e.method === 'DELETE' && one) return { op: 'deleteReceipt', id: one[1] as string, responses: { 204: null, 400: 'ErrorMessage', 404: 'ErrorMessage' } };
  if (e.method === 'GET' && e.path === '/contacts') return { op: 'queryContacts', responses: { 200: 'ContactSearchResult' } };
  if (e.method === 'GET' && e.path === '/receipts-bulk') return { op: 'bulkReceipts', responses: { 200: 'ReceiptSearchResult' } };
  throw new Error(`not an NgDP 1.68.0 operation: ${e.method} ${e.path}`);
}

const XSD = resolve(import.meta.dirname, '../../../../../shared/reference/memo-1.2/MeMo_core.xsd');

/** The MeMo body against the MeMo 1.2 XSD with libxml2's xmllint (an independent checker). */
function xsdProblems(xml: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'memo-'));
  try {
    const file = join(dir, 'memo.xml');
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every problem of one exchange, in words (empty when it keeps the contract). */
function violations(e: Exchange, options: { checkMemoXsd: boolean }): string[] {
  const out: string[] = [];
  const { op, responses, id } = operationOf(e);
  const label = `${e.method} ${e.path} → ${e.status}`;
  const request = op === 'bulkReceipts' ? requestSchemas.listReceipts : requestSchemas[op];
  if (!request(e.query)) out.push(`${label}: request parameters ${JSON.stringify(e.query)}: ${errorsOf(request)}`);
  if (id !== undefined && !requestSchemas.pathId(id)) out.push(`${label}: path id is not a uuid`);
  if (op === 'sendMemo') {
    if (!/^application\/xml/.test(String(e.headers['content-type']))) out.push(`${label}: content-type ${e.headers['content-type']}`);
    if (options.checkMemoXsd && existsSync(XSD)) {
      const p = xsdProblems(e.requestBody);
      if (p) out.push(`${label}: MeMo body fails MeMo_core.xsd: ${p}`);
    }
  }
  if (!(e.status in responses)) {
    out.push(`${label}: status not declared for this operation`);
    return out;
  }
  const name = responses[e.status];
  if (name === null || name === undefined) {
    if (e.responseBody.length > 0) out.push(`${label}: body where none is declared`);
    return out;
  }
  let body: unknown;
  try {
    body = JSON.parse(e.responseBody.toString('utf8'));
  } catch {
    out.push(`${label}: answer is not JSON`);
    return out;
  }
  const v = closedDto(name);
  if (!v(body)) out.push(`${label}: answer is not a ${name}: ${errorsOf(v)} in ${e.responseBody.toString('utf8').slice(0, 300)}`);
  return out;
}

const letter = (key: string, cpr: string) => ({
  recordId: null,
  recipientCpr: cpr,
  subject: 'Afgørelse',
  notification: 'Du har fået svar',
  mainDocument: { fileName: 'afgørelse.pdf', content: pdfBytes(key) },
  idempotencyKey: key,
});

describe('NgDP contract (Ajv, ngdp-1.68.0.schema.json)', () => {
  it('every request our client sends and every sandbox answer has the real shape, for each operation we use', async () => {
    const app = open({ seedDemo: false });
    const sim = await sandbox();
    const proxy = await recordingProxy(sim.url);
    closers.push(proxy.close);
    connect(app, { apiUrl: proxy.apiUrl });
    const dp = app.services.digitalPost;

    // Sending: a registered citizen, an exempt one, and a letter sent twice under one messageUUID (both readings).
    const normal = dp.outbox.queue(letter('c1', '0101801234'));
    const exempt = dp.outbox.queue(letter('c2', '3112451118'));
    await dp.sender.sendDue();
    expect(messageById(app.services.db, normal.messageId)?.state).toBe('accepted');
    expect(messageById(app.services.db, exempt.messageId)?.state).toBe('physical_post');
    const transport = new NgdpTransport({ baseUrl: proxy.apiUrl });
    closers.push(async () => transport.close());
    const memo = messageById(app.services.db, normal.messageId)?.memo as Buffer;
    const again = await transport.send({ messageUuid: normal.messageUuid, memo });
    expect(again.kind).toBe('accepted');
    sim.setFaults({ duplicateAnswer: 'bad_request' });
    const duplicate = await transport.send({ messageUuid: normal.messageUuid, memo });
    expect(duplicate).toMatchObject({ kind: 'accepted', alreadyReceived: true });
    sim.setFaults({ duplicateAnswer: 'receipt', error5xxRate: 1 });
    expect((await transport.send({ messageUuid: normal.messageUuid, memo })).kind).toBe('retry');
    sim.setFaults({ error5xxRate: 0 });
    // An invalid message: the sandbox's 400 must still be a real ErrorMessage.
    const invalidMemo = Buffer.from(memo.toString('utf8').replace('https://DigitalPost.dk/MeMo-1', 'urn:wrong'));
    expect((await transport.send({ messageUuid: crypto.randomUUID(), memo: invalidMemo })).kind).toBe('rejected');

    // Contacts: registered, exempt, unknown.
    expect(await transport.lookupContact('0101801234')).toBe('REGISTERED');
    expect(await transport.lookupContact('3112451118')).toBe('EXEMPT');
    expect(await transport.lookupContact('1810574327')).toBe('EXEMPT');
    expect(await transport.lookupContact('123')).toBe('UNKNOWN');

    // Receipts through the real sender: list ids, fetch each, store, DELETE.
    expect(await dp.sender.pollReceipts()).toBe(1);
    expect(messageById(app.services.db, normal.messageId)?.state).toBe('delivered');
    await transport.acknowledge(crypto.randomUUID()); // gone: 404 ErrorMessage
    // "Test connection" asks too.
    expect((await dp.testConnection()).ok).toBe(true);
    // receipts-bulk (we do not use it; the sandbox must still not invent its shape).
    await fetch(`${proxy.apiUrl}/receipts-bulk/?page=0&size=10`);

    const seen = new Set(proxy.exchanges.map((e) => operationOf(e).op));
    expect([...seen].sort()).toEqual(['bulkReceipts', 'deleteReceipt', 'fetchReceipt', 'listReceipts', 'queryContacts', 'sendMemo']);
    const problems = proxy.exchanges.flatMap((e) => violations(e, { checkMemoXsd: !e.requestBody.equals(invalidMemo) }));
    expect(problems).toEqual([]);
    // The client fetched receipts without consuming them, and acknowledged by DELETE.
    expect(proxy.exchanges.filter((e) => operationOf(e).op === 'fetchReceipt').every((e) => e.query.delete === 'false')).toBe(true);
  });

  it('the checks fail on the shapes the sandbox used to invent (so a drifting sandbox cannot pass)', () => {
    const uuid = crypto.randomUUID();
    // receipts/ answered as a list of receipts instead of a page of ids.
    expect(closedDto('PagingResultUUID')([{ id: uuid, messageUUID: uuid, receiptStatus: 'COMPLETED' }])).toBe(false);
    expect(closedDto('PagingResultUUID')({ content: [{ id: uuid }], number: 0, size: 20, totalElements: 1, totalPages: 1 })).toBe(false);
    // A receipt with null values and a made-up status text.
    expect(closedDto('Receipt')({ transmissionId: uuid, messageUUID: uuid, receiptStatus: 'COMPLETED', errorCode: null })).toBe(false);
    expect(closedDto('Receipt')({ transmissionId: uuid, messageUUID: uuid, receiptStatus: 'COMPLETED', statusText: 'Afleveret Digital Post' })).toBe(false);
    expect(closedDto('Receipt')({ messageUUID: uuid, receiptStatus: 'DELIVERED' })).toBe(false);
    // contacts/ answered flat instead of contacts[].mailboxSubscription.publicRegistrationStatus.
    expect(closedDto('ContactSearchResult')({ cprNumber: '0101801234', publicRegistrationStatus: 'EXEMPT' })).toBe(false);
    expect(closedDto('ContactSearchResult')({ contacts: [{ cprNumber: '0101801234', publicRegistrationStatus: 'EXEMPT' }] })).toBe(false);
    // The real production answer of the reference validates against the declared DTO.
    expect(
      dto('ContactSearchResult')({
        currentPage: 0,
        next: 'WyAx',
        totalPages: 1,
        elementsOnPage: 1,
        totalElements: 1,
        contacts: [
          {
            id: uuid,
            version: 3,
            type: 'COMPANY',
            cvrNumber: '34485771',
            mailboxSubscription: { id: uuid, version: 1, registrationStatus: 'AUTOMATIC_REGISTRATION', publicRegistrationStatus: 'REGISTERED', startTime: '2013-11-21T00:08:06.770Z' },
            eligibleForVoluntaryRegistration: false,
            address: { '@type': 'CompanyAddress' },
          },
        ],
      }),
    ).toBe(true);
    // Our request checks fail too: receipts/ without page and size, a CPR with a dash.
    expect(requestSchemas.listReceipts({})).toBe(false);
    expect(requestSchemas.queryContacts({ cprNumber: '010180-1234' })).toBe(false);
  });
});
