import type { daDpConnection } from './da-dp-connection';

/** Digital Post connection settings: credentials, mutual TLS, the strict sandbox. */
export const enDpConnection: Record<keyof typeof daDpConnection, string> = {
  apiCredential: 'Basic value (the system\'s API credential "uuidA:uuidB")',
  apiCredentialHint: 'Two UUIDs from the sender system\'s registration in the administration portal (system id:API token). Sent as Authorization: Basic on every call; stored as a secret.',
  apiCredentialSet: 'The Basic value is stored. Leave the field empty to keep it.',
  eboksClientId: 'e-Boks client id',
  certificateHint: 'The organisation\'s system certificate (FOCES/OCES3) for mutual TLS. The password is stored as a secret.',
  sandboxStrict: 'The sandbox runs strictly like the real access point: HTTPS, a client certificate from the sandbox CA and the Basic value. The app uses the certificate and Basic value the sandbox made:',
  sandboxPlain: 'The sandbox runs without TLS here (another instance or npm run sandbox).',
};
