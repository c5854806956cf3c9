import { describe, expect, it } from 'vitest';
import { identityFromClaims, splitName } from '../../src-main/mitid/mitid-identity';
import { issuerFor, mitidSettingsSchema } from '../../src-main/mitid/mitid-settings';
import { parseMitidRoute, mitidRouteHref } from '../../src-renderer/app/mitid-routes';

describe('MitID identity from id_token claims', () => {
  it('splits MitID\'s single name into first and last name', () => {
    expect(splitName('Hans Christian Andersen')).toEqual({ givenName: 'Hans Christian', familyName: 'Andersen' });
    expect(splitName('  Åse   Æbelø ')).toEqual({ givenName: 'Åse', familyName: 'Æbelø' });
    expect(splitName('Madonna')).toEqual({ givenName: 'Madonna', familyName: '' });
    expect(splitName('')).toEqual({ givenName: '', familyName: '' });
  });

  it('reads Idura\'s claim names, with the CPR only when present', () => {
    const base = { sub: '{abc}', uuid: 'u-1', name: 'Paiman Petersen', birthdate: '1958-12-27', authenticationtype: 'urn:grn:authn:dk:mitid:low' };
    expect(identityFromClaims(base)).toMatchObject({ uuid: 'u-1', cpr: null, familyName: 'Petersen', acr: 'urn:grn:authn:dk:mitid:low' });
    expect(identityFromClaims({ ...base, cprNumberIdentifier: '2712589100' }).cpr).toBe('2712589100');
  });

  it('refuses claims without a uuid or with a malformed CPR', () => {
    expect(() => identityFromClaims({ sub: 'x', name: 'A' })).toThrow();
    expect(() => identityFromClaims({ sub: 'x', uuid: 'u', cprNumberIdentifier: '12345' })).toThrow();
  });
});

describe('MitID settings', () => {
  it('defaults to the sandbox, substantial, CPR asked for and 1 DKK per login', () => {
    const s = mitidSettingsSchema.parse({});
    expect(s).toMatchObject({ domain: '', acr: 'urn:grn:authn:dk:mitid:substantial', askForCpr: true, priceOre: 100 });
    expect(issuerFor(s, 'http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(issuerFor({ ...s, domain: 'kommune.idura.broker/' }, 'x')).toBe('https://kommune.idura.broker');
  });
});

describe('kiosk routes', () => {
  it('round-trips and refuses nonsense ids', () => {
    expect(parseMitidRoute('kiosk', ['3', '17'])).toEqual({ name: 'kiosk', questionnaireId: 3, recordId: 17 });
    expect(parseMitidRoute('kiosk', ['3'])).toEqual({ name: 'kiosk', questionnaireId: 3, recordId: null });
    expect(parseMitidRoute('kiosk', ['-1'])).toBeNull();
    expect(mitidRouteHref({ name: 'kiosk', questionnaireId: 3, recordId: 17 })).toBe('#/kiosk/3/17');
  });
});
