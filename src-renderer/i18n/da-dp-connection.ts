/** Digital Post connection settings: credentials, mutual TLS, the strict sandbox. */
export const daDpConnection = {
  apiCredential: 'Basic-værdi (systemets API-nøgle "uuidA:uuidB")',
  apiCredentialHint: 'To UUID\'er fra afsendersystemets registrering i administrationsportalen (system-id:API-token). Sendes som Authorization: Basic på hvert kald; gemmes som hemmelighed.',
  apiCredentialSet: 'Basic-værdien er gemt. Lad feltet stå tomt for at beholde den.',
  eboksClientId: 'e-Boks klient-id',
  certificateHint: 'Organisationens systemcertifikat (FOCES/OCES3) til mutual TLS. Adgangskoden gemmes som hemmelighed.',
  sandboxStrict: 'Sandkassen kører strengt som det rigtige adgangspunkt: HTTPS, klientcertifikat fra sandkassens CA og Basic-værdi. Appen bruger det certifikat og den Basic-værdi, sandkassen lavede:',
  sandboxPlain: 'Sandkassen kører uden TLS her (en anden instans eller npm run sandbox).',
};
