import { expect, it } from 'vitest';
import { requestSignatureAction } from '../../../src-main/signing/request-signature-action';
import { demo, useTestApps } from '../helpers/test-app';

const apps = useTestApps();

it('checks its references, describes itself in Danish and survives export/import by status names', () => {
  const app = apps.open();
  const d = demo(app);
  const ws = app.services.workspace.snapshot();
  const dir = app.services.directory;
  const params = requestSignatureAction.params.parse({
    templateId: 3,
    title: 'Aftale om tilskud',
    signedStatusId: d.status('Afsluttet').id,
    rejectedStatusId: d.status('Under behandling').id,
  });
  expect(params).toMatchObject({ cprFieldKey: null, message: '', expiredStatusId: null });
  expect(requestSignatureAction.check(params, ws, dir)).toBeNull();
  expect(requestSignatureAction.check({ ...params, cprFieldKey: 'navn' }, ws, dir)).toBe('"navn" is not a CPR field');
  expect(requestSignatureAction.check({ ...params, signedStatusId: 99_999 }, ws, dir)).toBe('status 99999 does not exist');
  expect(requestSignatureAction.describe(params, ws, dir, 'da')).toBe('Borgeren bedes underskrive "Aftale om tilskud" med MitID; underskrevet → "Afsluttet"');
  expect(() => requestSignatureAction.params.parse({ templateId: 3, title: '  ' })).toThrow();
  expect(() => requestSignatureAction.params.parse({ templateId: 3, title: 'x', message: 'm'.repeat(131) })).toThrow();

  const portable = requestSignatureAction.toPortable(params, dir, ws);
  expect(portable).toMatchObject({ signedStatus: 'Afsluttet', rejectedStatus: 'Under behandling', expiredStatus: null });
  expect(requestSignatureAction.fromPortable(portable, dir, ws)).toEqual(params);
});
