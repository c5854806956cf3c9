// A stand-alone app process for the crash test: opens the case store, runs the
// signing worker on one request with a durable fake outbox (a table written in
// the worker's transaction, idempotent by key, as the real outbox is), and
// SIGKILLs itself at the crash point it is told.
import { openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import type { DigitalPostPort } from '../../../src-main/digital-post/digital-post-port';
import { createSigning } from '../../../src-main/signing/create-signing';
import { SdkSignaturesGateway } from '../../../src-main/signing/signatures-client';
import { signaturesCredentials } from '../../../src-main/signing/signing-settings';
import { FakeDocuments, FakeNotifications } from './fakes';

const { DATA_DIR, REQUEST_ID, CRASH_AT = '' } = process.env;
const app = openApp({ dataDir: DATA_DIR!, settings: new MemorySettingsStore({ language: 'da' }), secrets: new EnvSecretStore({}), transport: 'cli', seedDemo: false });
const s = app.services;
s.db.exec('CREATE TABLE IF NOT EXISTS test_outbox (id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, url TEXT NOT NULL)');
const outbox: DigitalPostPort = {
  queue(letter) {
    s.db.prepare('INSERT INTO test_outbox (idempotency_key, url) VALUES (?, ?) ON CONFLICT DO NOTHING').run(letter.idempotencyKey, letter.actions?.[0]?.url ?? '');
    const id = s.db.prepare('SELECT id FROM test_outbox WHERE idempotency_key = ?').pluck().get(letter.idempotencyKey) as number;
    return { messageId: id, messageUuid: `uuid-${id}` };
  },
};
const die = () => process.kill(process.pid, 'SIGKILL');
const real = new SdkSignaturesGateway(() => signaturesCredentials(s.integrationSettings, s.config.secrets));
const gateway = Object.assign(Object.create(real) as SdkSignaturesGateway, {
  async createOrder(req: Parameters<SdkSignaturesGateway['createOrder']>[0]) {
    const order = await real.createOrder(req);
    // Idura has the order; we die before its id is stored.
    if (CRASH_AT === 'after_remote_create') die();
    return order;
  },
});
const { worker } = createSigning({
  db: s.db, clock: s.clock, events: s.events, costs: s.costs, statusChanges: s.statusChanges, integrationSettings: s.integrationSettings,
  secrets: s.config.secrets, settings: s.config.settings, notifications: new FakeNotifications(), jobs: s.jobs,
  documents: new FakeDocuments(), digitalPost: outbox, gateway,
  // The order id is committed; we die before the link is sent.
  afterStep: (_id, state) => {
    if (CRASH_AT === 'after_order_created' && state === 'order_created') die();
  },
});
await worker.advance(Number(REQUEST_ID));
const state = s.db.prepare('SELECT state FROM signing_requests WHERE id = ?').pluck().get(Number(REQUEST_ID));
console.log(`state=${String(state)}`);
await app.close();
