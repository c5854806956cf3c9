/** Title and text for the error box shown when the case store cannot be opened. */
export function startupErrorBox(error: unknown): { title: string; content: string } {
  const message = error instanceof Error ? error.message : String(error);
  const code = error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;
  if (code === 'database_too_new') {
    return {
      title: 'Databasen er fra en nyere version / The database is from a newer version',
      content:
        'Denne database er skrevet af en nyere version af Sagsbehandler. Installer den nyeste version. ' +
        'Databasen er ikke ændret.\n\n' +
        message,
    };
  }
  // Only the message: a stack trace helps no caseworker, and the store's messages never carry CPR numbers.
  return {
    title: 'Sagsbehandler kunne ikke starte / The app could not start',
    content: `Sagerne kunne ikke åbnes. / The case store could not be opened.\n\n${message}`,
  };
}
