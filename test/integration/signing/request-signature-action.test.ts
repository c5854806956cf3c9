import { expect, it } from 'vitest';
import { EXAMPLE_LETTER } from '../../../src-main/contract/document-example';
import { requestSignatureAction } from '../../../src-main/signing/request-signature-action';
import { demo, useTestApps } from '../helpers/test-app';

const apps = useTestApps();

function setUp() {
  const app = apps.open();
  const d = demo(app);
  const templateId = app.services.documents.templates.save({ name: 'Aftale', definition: EXAMPLE_LETTER }, d.admin.id);
  const params = requestSignatureAction.params.parse({
    templateId,
    title: 'Aftale om tilskud',
    signedStatusId: d.status('Afsluttet').id,
    rejectedStatusId: d.status('Under behandling').id,
  });
  return { app, d, templateId, params, dir: app.services.directory, own: d.status('Afventer underskrift').id };
}

it('checks its references, describes itself in Danish and survives export/import by template and status names', () => {
  const { app, params, dir, own, templateId } = setUp();
  const ws = app.services.workspace.snapshot();
  expect(params).toMatchObject({ cprFieldKey: null, message: '', expiredStatusId: null });
  expect(requestSignatureAction.check(params, ws, dir, own)).toBeNull();
  expect(requestSignatureAction.check({ ...params, cprFieldKey: 'navn' }, ws, dir, own)).toBe('"navn" is not a CPR field');
  expect(requestSignatureAction.check({ ...params, signedStatusId: 99_999 }, ws, dir, own)).toBe('status 99999 does not exist');
  expect(requestSignatureAction.check({ ...params, templateId: 99_999 }, ws, dir, own)).toBe('document template 99999 does not exist');
  expect(requestSignatureAction.describe(params, ws, dir, 'da')).toBe('Borgeren bedes underskrive "Aftale om tilskud" med MitID; underskrevet → "Afsluttet"');
  expect(() => requestSignatureAction.params.parse({ templateId, title: '  ' })).toThrow();
  expect(() => requestSignatureAction.params.parse({ templateId, title: 'x', message: 'm'.repeat(131) })).toThrow();

  const portable = requestSignatureAction.toPortable(params, dir, ws);
  expect(portable).toMatchObject({ template: 'Aftale', signedStatus: 'Afsluttet', rejectedStatus: 'Under behandling', expiredStatus: null });
  expect(portable).not.toHaveProperty('templateId');
  expect(requestSignatureAction.fromPortable(portable, dir, ws, own)).toEqual(params);
  // A file that names its template by id (older exports) is refused with the reason.
  expect(() => requestSignatureAction.fromPortable({ ...portable, template: undefined, templateId: 1 }, dir, ws, own)).toThrow(/by id/);
  expect(() => requestSignatureAction.fromPortable({ ...portable, template: 'Findes ikke' }, dir, ws, own)).toThrow(/"Findes ikke"/);
});

it("refuses to move a signed record into another workflow's status, and resolves imported names in its own workflow", () => {
  const { app, params, dir, own } = setUp();
  const inquiry = app.services.workspace.snapshot().workflows.find((w) => w.name === 'Borgerhenvendelse');
  if (!inquiry) throw new Error('no inquiry workflow');
  // The other workflow gets a status of the same name as the one the action moves to.
  const twin = app.services.workspace.saveStatus({ workflowId: inquiry.id, name: 'Afsluttet', color: '#16a34a', isFinal: true, sortOrder: 9 });
  const ws = app.services.workspace.snapshot();
  expect(requestSignatureAction.check({ ...params, signedStatusId: twin.id }, ws, dir, own)).toBe('status "Afsluttet" belongs to another workflow');
  const portable = requestSignatureAction.toPortable(params, dir, ws);
  expect(requestSignatureAction.fromPortable(portable, dir, ws, own).signedStatusId).toBe(params.signedStatusId);
  // Saved through the workspace as the admin screen does, the other workflow's status is refused too.
  expect(() =>
    app.services.workspace.saveStatusAction({
      statusId: own,
      type: 'request_signature',
      name: 'Underskrift',
      params: { ...params, signedStatusId: twin.id },
      enabled: true,
      sortOrder: 0,
    }),
  ).toThrow(/another workflow/);
});
