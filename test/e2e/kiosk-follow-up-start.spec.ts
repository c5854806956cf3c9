// A follow-up kiosk starts from the record (its button), or from the
// questionnaire list by the record number a caseworker sees, never by the
// internal id from the address. The answers land on that record, and the
// thank-you page carries no error from an earlier attempt.
import type { Page } from '@playwright/test';
import { adminApi } from './access-helpers';
import { expect, openAs, test, type WebServer } from './fixtures';

const TITLE = 'Opfølgning på ansøgning';

/** A follow-up questionnaire (no MitID) and a record, made by an administrator. */
async function setUp(server: WebServer): Promise<{ id: number; number: string }> {
  const admin = await adminApi(server);
  const ws = await admin.call<{ workflows: { id: number; name: string }[] }>('getWorkspace', {});
  const workflowId = ws.workflows.find((w) => w.name === 'Ansøgning om tilskud')!.id;
  await admin.call('saveQuestionnaire', {
    title: TITLE,
    intro: '',
    mitidRequired: false,
    mode: 'follow_up',
    workflowId,
    startStatusId: null,
    completedStatusId: null,
    questions: [{ kind: 'longtext', label: 'Hvad vil du tilføje?', help: '', required: true, fieldKey: 'beskrivelse' }],
  });
  return admin.call<{ id: number; number: string }>('createRecord', { workflowId, values: { navn: 'Kiosk Borger' } });
}

async function answerAndSend(page: Page, text: string): Promise<void> {
  const kiosk = page.getByTestId('kiosk');
  // A first try without the required answer: a red banner; then properly.
  await kiosk.getByRole('button', { name: 'Send svar' }).click();
  await expect(kiosk.getByRole('alert').first()).toBeVisible();
  await kiosk.getByLabel(/Hvad vil du tilføje/).fill(text);
  await kiosk.getByRole('button', { name: 'Send svar' }).click();
  await expect(kiosk.getByTestId('kiosk-done')).toBeVisible();
  await expect(kiosk.getByTestId('error-banner')).toHaveCount(0);
}

async function leave(page: Page): Promise<void> {
  await page.getByTestId('kiosk').getByRole('button', { name: 'Afslut (sagsbehandler)' }).click();
  await page.getByTestId('leave-kiosk').getByRole('button', { name: /Jens Nielsen/ }).click();
  await expect(page.getByTestId('kiosk')).toHaveCount(0);
}

test('started from the record, the answers land on that record', async ({ page, server }) => {
  const record = await setUp(server);
  await openAs(page, server, 'Jens Nielsen');
  await page.goto(`${server.url.split('#')[0]}#/record/${record.id}`);
  await expect(page.getByTestId('record-view')).toContainText(record.number);
  await page.getByTestId('follow-up-questionnaires').getByRole('link', { name: `Start kiosk: ${TITLE}` }).click();
  await expect(page.getByTestId('kiosk')).toBeVisible();
  await answerAndSend(page, 'Svar fra kiosken');
  await leave(page);
  await page.goto(`${server.url.split('#')[0]}#/record/${record.id}`);
  await expect(page.getByLabel('Beskrivelse')).toHaveValue('Svar fra kiosken');
});

test('started from the questionnaire list by the record number; an unknown number is named in Danish', async ({ page, server }) => {
  const record = await setUp(server);
  await openAs(page, server, 'Jens Nielsen');
  await page.getByRole('link', { name: 'Spørgeskemaer' }).click();
  const row = page.getByTestId('questionnaire-row').filter({ hasText: TITLE });
  await row.getByLabel('Sagsnummer').fill('2026-999999');
  await row.getByRole('button', { name: 'Start kiosk' }).click();
  await expect(page.getByTestId('kiosk-record-not-found')).toHaveText('Der er ingen sag med nummeret 2026-999999 i arbejdsgangen for dette spørgeskema.');
  await expect(page.getByTestId('kiosk')).toHaveCount(0);

  await row.getByLabel('Sagsnummer').fill(record.number);
  await row.getByRole('button', { name: 'Start kiosk' }).click();
  await expect(page.getByTestId('kiosk')).toBeVisible();
  await answerAndSend(page, 'Svar via sagsnummer');
  await leave(page);
  await page.goto(`${server.url.split('#')[0]}#/record/${record.id}`);
  await expect(page.getByLabel('Beskrivelse')).toHaveValue('Svar via sagsnummer');
});
