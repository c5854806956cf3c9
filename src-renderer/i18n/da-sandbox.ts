// Texts of the sandbox overview (issue 13). Danish is the source; en-sandbox.ts must match.
export const daSandbox = {
  title: 'Sandkasse-tjenester',
  intro: 'Appen taler kun med de sandkasse-tjenester, den selv har startet, på disse adresser. Indstillinger, der står på sandkassens standardadresse, går hertil.',
  names: { mitid: 'MitID', signatures: 'Underskrifter (Signatures)', 'digital-post': 'Digital Post' },
  notRunning: 'Kører ikke i denne app – intet sendes, før den kører.',
  moved: 'Standardporten {{port}} var optaget af et andet program, så tjenesten lytter på en ledig port.',
};
