// "Test forbindelsen" of the MitID and Signatures settings (issue 14). Kept apart from the schemas, like names.ts.
export const CONNECTION_TEST_METHOD_NAMES = ['testMitidConnection', 'testSignaturesConnection'] as const;
