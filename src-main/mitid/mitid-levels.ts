/** The private MitID levels in strength order; MitID Erhverv is its own kind, not a private level. */
const PRIVATE_LEVELS: readonly string[] = ['urn:grn:authn:dk:mitid:low', 'urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:high'];
const BUSINESS = 'urn:grn:authn:dk:mitid:business';

/**
 * Whether a login at `received` gives what a request for `requested` asked for:
 * a private MitID level at least as strong, or MitID Erhverv for MitID Erhverv.
 * A private login never stands in for an Erhverv one (or the reverse): they are
 * different identities with different uuids.
 */
export function acrSatisfies(requested: string, received: string): boolean {
  if (requested === BUSINESS) return received === BUSINESS;
  const want = PRIVATE_LEVELS.indexOf(requested);
  const got = PRIVATE_LEVELS.indexOf(received);
  return want >= 0 && got >= want;
}
