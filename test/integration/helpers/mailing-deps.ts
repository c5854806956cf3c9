// What a MailingService built over a recording outbox needs besides it: a
// fixed price per letter, no contact look-up, and the app's own budgets.
import type { MailingSendDeps } from '../../../src-main/mailings/mailing-service';
import type { TestApp } from './test-app';

export const LETTER_PRICE_ORE = 23;

export const mailingDeps = (app: TestApp, overrides: Partial<MailingSendDeps> = {}): MailingSendDeps => ({
  priceOre: () => LETTER_PRICE_ORE,
  toPhysicalPost: () => {},
  budgets: app.services.budgets,
  priceSettings: () => ({ perLetter: LETTER_PRICE_ORE }),
  language: () => 'da',
  ...overrides,
});
