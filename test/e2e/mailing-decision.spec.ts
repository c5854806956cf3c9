import { EXAMPLE_LETTER } from '../../src-main/contract';
import { apiFor, expect, openAs, test } from './fixtures';

// A mailing is a decision, not a click (issue 14), in real Chromium over the
// browser transport with the Digital Post sandbox: prepare → preview → the
// send dialog's figures (letters, citizens, physical post and why, cost) →
// a budget refusal in Danish with nothing queued → send → the outbox holds
// exactly the dialog's count. Screenshots at 1280 px are kept as artifacts.
const CITIZENS = [
  { navn: 'Karen Udsendelse', cpr: '0101801234' },
  { navn: 'Åse Udsendelse', cpr: '2207924321' },
  { navn: 'Poul Udsendelse', cpr: '3112451118' }, // exempt from Digital Post in the sandbox
];

test('a mailing is prepared, previewed, confirmed with its count and cost, refused over budget, and sent', async ({ page, server }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const shot = async (name: string) => page.screenshot({ path: testInfo.outputPath(`mailing-decision-${name}-1280.png`), fullPage: true });
  const call = apiFor(server);
  const users = await call<{ id: number; name: string }[]>('listUsers', {});
  await call('selectUser', { userId: users.find((u) => u.name === 'Mette Jensen')!.id });
  await call('saveDocumentTemplate', { name: 'Prøveafgørelse', definition: EXAMPLE_LETTER });
  const ws = await call<{ workflows: { id: number; name: string }[] }>('getWorkspace', {});
  const workflowId = ws.workflows.find((w) => w.name === 'Ansøgning om tilskud')!.id;
  for (const values of CITIZENS) await call('createRecord', { workflowId, values });
  const outboxBefore = await call<{ counts: Record<string, number> }>('getOutbox', {});
  const lettersBefore = Object.values(outboxBefore.counts).reduce((a, b) => a + b, 0);

  await openAs(page, server, 'Mette Jensen');
  await page.getByRole('link', { name: 'Masseudsendelser' }).click();
  await page.getByLabel('Navn på udsendelsen').fill('Brev til tre');
  await page.getByLabel('Søg (navn, CPR eller sagsnummer)').fill('Udsendelse');
  await expect(page.getByTestId('mailing-matching')).toContainText('3 sager passer til filteret');
  await page.getByRole('button', { name: 'Opret udsendelse' }).click();
  const detail = page.getByTestId('mailing-detail');

  // Prepare: the letters are made and can be looked at; nothing is queued.
  await detail.getByRole('button', { name: 'Forbered alle breve' }).click();
  await expect(detail.getByTestId('mailing-counts')).toHaveText('3 breve · 3 klar til afsendelse · 0 i udbakken · 0 sprunget over · 0 venter');
  await detail.getByRole('button', { name: 'Vis de første 3 breve' }).click();
  await expect(detail.getByRole('tab')).toHaveCount(3);
  await expect(detail.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1');
  await shot('prepared');
  const afterPrepare = await call<{ counts: Record<string, number> }>('getOutbox', {});
  expect(Object.values(afterPrepare.counts).reduce((a, b) => a + b, 0)).toBe(lettersBefore);

  // The send dialog: 3 letters to 3 citizens, one by physical post because she is exempt, and the cost.
  await detail.getByRole('button', { name: 'Send udsendelsen …' }).click();
  const dialog = page.getByTestId('send-mailing-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Send 3 breve til 3 borgere');
  await expect(dialog.getByTestId('send-digital')).toHaveText('2 breve sendes med Digital Post.');
  await expect(dialog.getByTestId('send-physical')).toContainText('1 brev skal sendes med fysisk post:');
  await expect(dialog.getByTestId('send-physical')).toContainText('fritaget for Digital Post');
  const costText = (await dialog.getByTestId('send-cost').textContent()) ?? '';
  const cost = /Forventet pris for Digital Post: (\d{1,3}(?:\.\d{3})*,\d\d) kr\./.exec(costText)?.[1];
  expect(cost, costText).toBeTruthy();
  await expect(dialog.getByTestId('send-budget')).toHaveText('Der er intet budget for Digital Post denne måned.');
  await shot('send-dialog');
  await dialog.getByRole('button', { name: 'Annullér' }).click();

  // The administrator sets a Digital Post budget below the cost on the cost overview.
  await page.getByRole('link', { name: 'Udgifter og budgetter' }).click();
  await page.getByRole('textbox', { name: 'Månedligt budget for Digital Post (kr.)' }).fill('0,10');
  await page.getByRole('form', { name: 'Digital Post', exact: true }).getByRole('button', { name: 'Gem budget' }).click();
  const row = page.getByTestId('budget-digital_post');
  await expect(row).toContainText('0,10 kr.');
  await expect(row.locator('td').nth(3)).toHaveText('0,10 kr.');
  await shot('budgets');

  // Sending is refused before anything goes out, with the figures in Danish.
  await page.getByRole('link', { name: 'Masseudsendelser' }).click();
  await page.getByRole('button', { name: /^Brev til tre/ }).click();
  await detail.getByRole('button', { name: 'Send udsendelsen …' }).click();
  await expect(dialog.getByTestId('send-budget')).toContainText('Månedens budget for Digital Post: 0,10 kr.; brugt 0,00 kr., reserveret 0,00 kr., tilbage 0,10 kr.');
  await expect(dialog).toContainText('Udsendelsen koster mere end det, der er tilbage af budgettet.');
  await dialog.getByRole('button', { name: 'Send 3 breve' }).click();
  const refusal = dialog.getByTestId('budget-refusal');
  await expect(refusal).toHaveText(new RegExp(`^Budgettet for Digital Post i [a-zæøå]+ \\d{4} er 0,10 kr\\.; brugt 0,00 kr\\., reserveret 0,00 kr\\., tilbage 0,10 kr\\.; denne udsendelse koster ${cost!.replace('.', '\\.')} kr\\.$`));
  await expect(dialog.getByTestId('error-banner')).toContainText('Intet er sendt: det ville overskride månedens budget.');
  await shot('budget-refusal');
  const afterRefusal = await call<{ counts: Record<string, number> }>('getOutbox', {});
  expect(Object.values(afterRefusal.counts).reduce((a, b) => a + b, 0)).toBe(lettersBefore);
  await dialog.getByRole('button', { name: 'Annullér' }).click();

  // No budget again (an empty field), then the send goes through.
  await page.getByRole('link', { name: 'Udgifter og budgetter' }).click();
  await page.getByRole('textbox', { name: 'Månedligt budget for Digital Post (kr.)' }).fill('');
  await page.getByRole('form', { name: 'Digital Post', exact: true }).getByRole('button', { name: 'Gem budget' }).click();
  await expect(page.getByTestId('budget-digital_post')).toContainText('Intet budget');
  await page.getByRole('link', { name: 'Masseudsendelser' }).click();
  await page.getByRole('button', { name: /^Brev til tre/ }).click();
  await detail.getByRole('button', { name: 'Send udsendelsen …' }).click();
  await expect(dialog.getByRole('heading')).toHaveText('Send 3 breve til 3 borgere');
  await dialog.getByRole('button', { name: 'Send 3 breve' }).click();
  await expect(detail.getByTestId('mailing-counts')).toHaveText('3 breve · 0 klar til afsendelse · 3 i udbakken · 0 sprunget over · 0 venter');
  await expect(detail.getByText('Udsendelsen er sendt: brevene ligger i udbakken.')).toBeVisible();

  // The outbox holds exactly the dialog's 3 letters; the exempt citizen's waits for physical post.
  await expect(async () => {
    const outbox = await call<{ counts: Record<string, number> }>('getOutbox', {});
    expect(Object.values(outbox.counts).reduce((a, b) => a + b, 0) - lettersBefore).toBe(3);
    expect(outbox.counts.physical_post).toBe((outboxBefore.counts.physical_post ?? 0) + 1);
  }).toPass({ timeout: 120_000 });
  await page.getByRole('link', { name: 'Udbakke' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot('outbox');
  // Once delivered, what was committed is spent: the overview shows it at the dialog's price.
  await page.getByRole('link', { name: 'Udgifter og budgetter' }).click();
  await expect(page.getByTestId('budget-digital_post').locator('td').nth(1)).toHaveText(`${cost} kr.`);
  await shot('costs-after');
});
