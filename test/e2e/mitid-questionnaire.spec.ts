// A citizen at the caseworker's desk: a questionnaire that requires MitID, run
// in the kiosk, with the MitID sandbox's login page opened in a new tab (the
// browser transport's stand-in for the system browser) and the real loopback redirect.
import type { Page } from '@playwright/test';
import { expect, openAs, openRecordBySearch, test } from './fixtures';

const ASE = { name: 'Åse Æbelø', cpr: '2207924321' };
const SOREN = { name: 'Søren Østergård', cpr: '1502651235' };

/** Creates a questionnaire through the administrator's editor. */
async function createQuestionnaire(page: Page, title: string, mode: 'new' | 'follow_up'): Promise<void> {
  await page.getByRole('link', { name: 'Spørgeskemaer' }).click();
  await page.getByRole('button', { name: 'Nyt spørgeskema' }).click();
  const form = page.getByRole('form', { name: 'Nyt spørgeskema' });
  await form.getByLabel('Titel').fill(title);
  await form.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  if (mode === 'follow_up') await form.getByLabel('Resultat').selectOption({ label: 'Opfølgning på en eksisterende sag' });
  await form.getByTestId('completed-status').selectOption({ label: 'Under behandling' });
  const first = form.getByTestId('question-row').nth(0);
  await first.getByLabel(/Spørgsmål 1/).fill('Hvad søger du om?');
  await first.getByLabel('Gemmes i feltet').selectOption({ label: 'Ansøgningstype' });
  await first.getByLabel('Skal besvares').check();
  await form.getByRole('button', { name: 'Tilføj spørgsmål' }).click();
  const second = form.getByTestId('question-row').nth(1);
  await second.getByLabel(/Spørgsmål 2/).fill('Beskriv din situation');
  await second.getByLabel('Gemmes i feltet').selectOption({ label: 'Beskrivelse' });
  await form.getByRole('button', { name: 'Gem spørgeskema' }).click();
  await expect(page.getByTestId('questionnaire-row').filter({ hasText: title })).toBeVisible();
}

/** Clicks "Log ind med MitID" and returns the MitID tab that opens. */
async function openMitid(page: Page): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log ind med MitID' }).click();
  const mitid = await popup;
  await expect(mitid.getByRole('heading', { name: 'Log ind med MitID' })).toBeVisible();
  return mitid;
}

async function loginAs(mitid: Page, citizen: { name: string; cpr: string }): Promise<void> {
  await mitid.getByLabel(new RegExp(citizen.name)).check();
  await mitid.getByLabel('Dit CPR-nummer').fill(citizen.cpr);
  await mitid.getByRole('button', { name: 'Log ind', exact: true }).click();
  await expect(mitid.getByText('Du er logget ind')).toBeVisible();
  await mitid.close();
}

async function leaveKiosk(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Afslut (sagsbehandler)' }).click();
  const dialog = page.getByTestId('leave-kiosk');
  // Leaving is a sign-in (here the sandbox picker), not initials.
  await expect(dialog.getByLabel('Initialer')).toHaveCount(0);
  await dialog.getByRole('button', { name: /Mette Jensen/ }).click();
  await expect(page.getByTestId('kiosk')).toBeHidden();
}

test('a questionnaire requiring MitID creates a record with the name and CPR from MitID and the answers', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await createQuestionnaire(page, 'Ansøg om tilskud', 'new');
  await page.getByTestId('questionnaire-row').filter({ hasText: 'Ansøg om tilskud' }).getByRole('button', { name: 'Start kiosk' }).click();
  const kiosk = page.getByTestId('kiosk');
  await expect(kiosk).toBeVisible();
  // No questions before MitID.
  await expect(kiosk.getByLabel(/Hvad søger du om/)).toHaveCount(0);
  await loginAs(await openMitid(page), ASE);
  await expect(kiosk.getByTestId('mitid-signed-in')).toContainText(`Logget ind som ${ASE.name}`);
  await expect(kiosk.getByTestId('mitid-signed-in')).toContainText('220792-****');
  await kiosk.getByLabel(/Hvad søger du om/).selectOption('Hjælpemidler');
  await kiosk.getByLabel('Beskriv din situation').fill('Jeg har brug for en rollator.');
  await kiosk.getByRole('button', { name: 'Send svar' }).click();
  await expect(kiosk.getByTestId('kiosk-done')).toContainText('Tak! Dine svar er modtaget.');
  await leaveKiosk(page);

  await openRecordBySearch(page, ASE.name);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ASE.name);
  await expect(page.getByLabel('CPR-nummer')).toHaveValue('220792-****');
  await expect(page.getByLabel('Ansøgningstype')).toHaveValue('Hjælpemidler');
  await expect(page.getByLabel('Beskrivelse')).toHaveValue('Jeg har brug for en rollator.');
  await expect(page.getByTestId('record-view')).toContainText('Under behandling');
});

test('a follow-up with another citizen\'s MitID is refused and audited', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  // The record belongs to Åse Æbelø.
  await page.getByRole('link', { name: 'Ny sag' }).click();
  await page.getByLabel('Arbejdsgang').selectOption({ label: 'Ansøgning om tilskud' });
  await page.getByLabel('Navn').fill(ASE.name);
  await page.getByLabel('CPR-nummer').fill(ASE.cpr);
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  const recordId = await page.getByTestId('record-view').getAttribute('data-record-id');

  await createQuestionnaire(page, 'Opfølgning på ansøgning', 'follow_up');
  // Started from the record itself.
  await page.goto(`${server.url.split('#')[0]}#/record/${recordId}`);
  await page.getByTestId('follow-up-questionnaires').getByRole('link', { name: 'Start kiosk: Opfølgning på ansøgning' }).click();
  const kiosk = page.getByTestId('kiosk');
  await loginAs(await openMitid(page), SOREN);
  await expect(kiosk.getByTestId('mitid-cpr-mismatch')).toContainText('hører ikke til sagen');
  await expect(kiosk.getByRole('button', { name: 'Send svar' })).toHaveCount(0);
  await leaveKiosk(page);

  await page.goto(`${server.url.split('#')[0]}#/record/${recordId}`);
  await page.getByRole('tab', { name: /Revisionsspor/ }).click();
  const audit = page.getByRole('tabpanel');
  await expect(audit).toContainText('MitID-login afvist: CPR passer ikke til sagen');
  await expect(audit).toContainText('150265-****');
  await expect(audit).not.toContainText(SOREN.cpr);
  await expect(page.getByLabel('Ansøgningstype')).toHaveValue('');
});

test('a cancelled MitID login leaves nothing half-written', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await createQuestionnaire(page, 'Ansøg om tilskud', 'new');
  await page.getByTestId('questionnaire-row').filter({ hasText: 'Ansøg om tilskud' }).getByRole('button', { name: 'Start kiosk' }).click();
  const kiosk = page.getByTestId('kiosk');
  const mitid = await openMitid(page);
  await mitid.getByRole('button', { name: 'Afbryd' }).click();
  await expect(mitid.getByText('Login blev ikke gennemført')).toBeVisible();
  await mitid.close();
  await expect(kiosk.getByTestId('mitid-failure')).toHaveText('MitID-login blev afbrudt. Intet er gemt.');
  await expect(kiosk.getByRole('button', { name: 'Send svar' })).toHaveCount(0);
  await leaveKiosk(page);

  await page.getByRole('link', { name: 'Alle sager' }).click();
  await page.getByLabel('Søg', { exact: true }).fill('Æbelø');
  await expect(page.getByTestId('record-row')).toHaveCount(0);
});

test('an administrator edits and deletes a questionnaire', async ({ page, server }) => {
  await openAs(page, server, 'Mette Jensen');
  await createQuestionnaire(page, 'Første udkast', 'new');
  const row = page.getByTestId('questionnaire-row').filter({ hasText: 'Første udkast' });
  await row.getByRole('button', { name: 'Redigér' }).click();
  const form = page.getByRole('form', { name: 'Redigér spørgeskema' });
  await expect(form.getByTestId('question-row')).toHaveCount(2);
  await form.getByLabel('Titel').fill('Andet udkast');
  await form.getByRole('button', { name: 'Gem spørgeskema' }).click();
  const renamed = page.getByTestId('questionnaire-row').filter({ hasText: 'Andet udkast' });
  await expect(renamed).toContainText('2 spørgsmål');
  await renamed.getByRole('button', { name: /Slet/ }).click();
  await renamed.getByRole('button', { name: 'Bekræft sletning' }).click();
  // Gone; the sandbox workspace's own questionnaire stays.
  await expect(renamed).toHaveCount(0);
  await expect(page.getByTestId('questionnaire-row')).toHaveCount(1);
  await expect(page.getByTestId('questionnaire-row')).toContainText('Ansøgning om tilskud');
});
