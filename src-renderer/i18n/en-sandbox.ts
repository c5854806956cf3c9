// Texts of the sandbox overview (issue 13). Must have the keys of da-sandbox.ts.
export const enSandbox = {
  title: 'Sandbox services',
  intro: 'The app talks only to the sandbox services it started itself, at these addresses. Settings left at the sandbox default address go here.',
  names: { mitid: 'MitID', signatures: 'Signatures', 'digital-post': 'Digital Post' },
  notRunning: 'Not running in this app – nothing is sent until it runs.',
  moved: 'The default port {{port}} was taken by another program, so the service listens on a free port.',
};
