// Every screen an administrator can reach: the accessibility and the Danish-words
// checks visit the same list, so a new screen is added once, here.
export const ROUTES: [name: string, hash: string][] = [
  ['Mine sager', '#/records/mine'],
  ['Alle sager', '#/records/all'],
  ['En sag', '#/record/1'],
  ['Ny sag', '#/new'],
  ['Mine ansvarsområder', '#/responsibilities'],
  ['Importér CSV', '#/import'],
  ['Udbakke', '#/outbox'],
  ['Masseforsendelser', '#/mailings'],
  ['Udgifter og budgetter', '#/costs'],
  ['Dokumentskabeloner', '#/documents'],
  ['Spørgeskemaer', '#/questionnaires'],
  ['MitID-opsætning', '#/mitid'],
  ['Administration: felter', '#/admin/fields'],
  ['Administration: arbejdsgange', '#/admin/workflows'],
  ['Administration: brugere og grupper', '#/admin/users'],
  ['Administration: eksport og import', '#/admin/workspace'],
  ['Administration: integrationer', '#/admin/integrations'],
];
