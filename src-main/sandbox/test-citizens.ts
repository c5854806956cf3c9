/**
 * The fictitious citizens every sandbox simulator knows: the Digital Post
 * sandbox delivers to their mailboxes (and knows who is exempt), the MitID
 * sandbox logs them in, and the Signatures sandbox lets them sign. One list,
 * so a CPR typed into a record reaches the same person in all three.
 *
 * The CPRs are real dates with made-up sequence numbers; none is checked
 * against modulus 11 (neither is a real CPR since 2007).
 */
export interface TestCitizen {
  cpr: string;
  name: string;
  givenName: string;
  familyName: string;
  /** ISO date, as MitID's `birthdate` claim carries it. */
  birthdate: string;
  /** MitID's stable person identifier (the `uuid` claim). */
  uuid: string;
  /** Registered as exempt from Digital Post: letters must go by physical post. */
  exemptFromDigitalPost: boolean;
}

export const TEST_CITIZENS: readonly TestCitizen[] = [
  { cpr: '0101801234', name: 'Karen Holm', givenName: 'Karen', familyName: 'Holm', birthdate: '1980-01-01', uuid: '7c1a1e4e-0f5b-4b1e-9d4a-1a2b3c4d5e01', exemptFromDigitalPost: false },
  { cpr: '1502651235', name: 'Søren Østergård', givenName: 'Søren', familyName: 'Østergård', birthdate: '1965-02-15', uuid: '7c1a1e4e-0f5b-4b1e-9d4a-1a2b3c4d5e02', exemptFromDigitalPost: false },
  { cpr: '2207924321', name: 'Åse Æbelø', givenName: 'Åse', familyName: 'Æbelø', birthdate: '1992-07-22', uuid: '7c1a1e4e-0f5b-4b1e-9d4a-1a2b3c4d5e03', exemptFromDigitalPost: false },
  { cpr: '3112451118', name: 'Poul Madsen', givenName: 'Poul', familyName: 'Madsen', birthdate: '1945-12-31', uuid: '7c1a1e4e-0f5b-4b1e-9d4a-1a2b3c4d5e04', exemptFromDigitalPost: true },
  { cpr: '0905034562', name: 'Freja Lund', givenName: 'Freja', familyName: 'Lund', birthdate: '2003-05-09', uuid: '7c1a1e4e-0f5b-4b1e-9d4a-1a2b3c4d5e05', exemptFromDigitalPost: false },
  { cpr: '1810574327', name: 'Bent Kristiansen', givenName: 'Bent', familyName: 'Kristiansen', birthdate: '1957-10-18', uuid: '7c1a1e4e-0f5b-4b1e-9d4a-1a2b3c4d5e06', exemptFromDigitalPost: true },
];

export function testCitizenByCpr(cpr: string): TestCitizen | undefined {
  const digits = cpr.replace('-', '');
  return TEST_CITIZENS.find((c) => c.cpr === digits);
}
