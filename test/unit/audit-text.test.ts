import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry, FieldDef, StatusDef } from '../../src-main/contract';
import { i18n } from '../../src-renderer/i18n/i18n';
import { auditActionLabel, auditDetailText, type AuditLookups } from '../../src-renderer/screens/record-view/audit-text';

// The audit trail is stored as codes and parameters; these are the texts a caseworker
// reads. Each case below is one the issue saw on screen before ("mitid: true",
// "Bevilget: ∅ → true", `signing.link_sent` with a base64 order id, "7500.50").

const field = (key: string, label: string, type: FieldDef['type']): FieldDef => ({
  id: key.length,
  key,
  label,
  type,
  required: false,
  options: [],
  role: null,
  showInList: false,
  sortOrder: 0,
});
const fields = [field('bevilget', 'Bevilget', 'yesno'), field('beloeb', 'Beløb', 'number'), field('frist', 'Frist', 'date')];
const status = (id: number, name: string) => ({ id, name }) as unknown as StatusDef;
const ws = {
  fieldByKey: new Map(fields.map((f) => [f.key, f])),
  statusById: new Map([
    [1, status(1, 'Modtaget')],
    [2, status(2, 'Afventer underskrift')],
  ]),
  userById: new Map(),
  groupById: new Map(),
} as AuditLookups;

const entry = (action: string, details: Record<string, unknown>): AuditEntry => ({ id: 1, at: '2026-12-01T10:00:00Z', userId: null, action, details });
const ORDER_ID = 'U2lnbmF0dXJlT3JkZXI6MTIzNDU2Nzg5MGFiY2RlZg==';
const text = (action: string, details: Record<string, unknown>) => auditDetailText(i18n.t, ws, entry(action, details));
const label = (action: string) => auditActionLabel(i18n.t, action);

describe('the audit trail in Danish', () => {
  afterAll(() => i18n.changeLanguage('da'));

  it('reads yes/no fields as Ja/Nej, numbers and dates the Danish way, empty as (tom)', async () => {
    await i18n.changeLanguage('da');
    expect(text('record.fields_changed', { via: 'caseworker', changes: [{ field: 'bevilget', from: null, to: 'true' }] })).toBe(
      'Bevilget: (tom) → Ja · (af sagsbehandler)',
    );
    expect(text('record.fields_changed', { changes: [{ field: 'beloeb', from: '7500.50', to: '4500.75' }] })).toBe('Beløb: 7.500,50 → 4.500,75');
    expect(text('record.fields_changed', { changes: [{ field: 'frist', from: '', to: '2027-01-15' }] })).toBe('Frist: (tom) → 15.01.2027');
  });

  it('names questionnaire and signing events without codes, order ids or true/false', async () => {
    await i18n.changeLanguage('da');
    expect(text('questionnaire.completed', { questionnaire: 'Ansøgning', mitid: true })).toBe('Spørgeskema: »Ansøgning« · Med MitID: Ja');
    expect(label('signing.link_sent')).toBe('Underskriftslink sendt med Digital Post');
    const sent = text('signing.link_sent', { requestId: 4, orderId: ORDER_ID, messageId: 17 });
    expect(sent).toBe('Ét brev med link til borgeren');
    expect(text('signing.completed', { requestId: 4, orderId: ORDER_ID, bytes: 48_213 })).toBe('Underskrevet PDF på 47 kB');
    expect(text('signing.signature_refused', { orderId: ORDER_ID, problems: ['digest_mismatch'] })).toBe(
      'Det underskrevne dokument blev ikke godkendt: dokumentet er ændret efter underskriften.',
    );
    expect(text('signing.failed', { requestId: 4, reason: 'order_gone' })).toContain('Idura kender ikke længere underskriftsanmodningen');
    // A row from before the codes: its English sentence is not shown.
    expect(text('signing.failed', { requestId: 4, error: 'Idura Signatures no longer knows the order' })).toBe('Årsag: Anmodningen om underskrift mislykkedes.');
  });

  it('shows statuses by name and guard types by their label', async () => {
    await i18n.changeLanguage('da');
    expect(text('record.status_changed', { from: 1, to: 2 })).toBe('Modtaget → Afventer underskrift');
    expect(text('record.guard_overridden', { from: 1, to: 2, guards: ['all_messages_delivered'], reasons: ['x'], overrideReason: 'Borgeren ringede' })).toBe(
      'Modtaget → Afventer underskrift · Betingelser: Alle Digital Post-breve er afleveret · Begrundelse: »Borgeren ringede«',
    );
  });

  it('falls back for an unknown event: a generic name and only parameters it can word', async () => {
    await i18n.changeLanguage('da');
    expect(label('letter.something_new')).toBe('Anden hændelse');
    expect(text('letter.something_new', { messageUuid: '0b6e4f5e-8b7a-4c1e-9d2f-1a2b3c4d5e6f', subject: 'Afgørelse', count: 1200, code: 'recipient.exempt', flag: true })).toBe(
      'Emne: Afgørelse · Antal: 1.200',
    );
  });

  it('words the same events in English for an English reader', async () => {
    await i18n.changeLanguage('en');
    expect(text('questionnaire.completed', { questionnaire: 'Application', mitid: false })).toBe('Questionnaire: “Application” · With MitID: No');
    expect(text('record.fields_changed', { changes: [{ field: 'beloeb', from: '7500.50', to: null }] })).toBe('Beløb: 7,500.50 → (empty)');
  });
});
