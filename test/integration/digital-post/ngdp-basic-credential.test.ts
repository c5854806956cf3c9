import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NgdpTransport } from '../../../src-main/digital-post/transport/ngdp-transport';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A server that only records the Authorization header of every request. */
async function recorder(): Promise<{ base: string; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(String(req.headers.authorization ?? ''));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"content":[],"number":0,"size":1,"totalElements":0,"totalPages":0}');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/v1`, seen };
}

describe('NgDP Authorization: Basic', () => {
  it('sends the one configured credential (both UUIDs) unchanged on every call', async () => {
    const { base, seen } = await recorder();
    const credential = 'e545b339-8542-4a30-ae75-c67e4d2a7b99:15632a8d-407c-4c3a-b7b1-aebaa514fcab';
    const transport = new NgdpTransport({ baseUrl: base, basicCredential: credential });
    try {
      await transport.testConnection();
      await transport.testConnection();
      await transport.acknowledge('7055b9cc-7e5c-40e5-a86d-699cc7d09e7c');
    } finally {
      transport.close();
    }
    const expected = `Basic ${Buffer.from(credential).toString('base64')}`;
    expect(seen).toEqual([expected, expected, expected]);
  });
});
