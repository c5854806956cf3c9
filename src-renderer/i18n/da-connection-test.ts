/** "Test forbindelsen" of the MitID and Signatures settings: it tests the form's values. */
export const daConnectionTest = {
  test: 'Test forbindelsen',
  testing: 'Tester…',
  hint: 'Tester værdierne i formularen, også før de er gemt. Et tomt hemmelighedsfelt betyder den gemte hemmelighed.',
  ok: 'Forbindelsen virker',
  problems: {
    settings: 'Indstillingerne er forkerte',
    auth: 'Adgang afvist',
    network: 'Kan ikke nå tjenesten',
    server: 'Tjenesten svarede ikke korrekt',
    certificate: 'Certifikatproblem',
  },
};
