// Routes of the questionnaires, the kiosk and the MitID setup (issue 4).
export type MitidRoute =
  | { name: 'questionnaires' }
  | { name: 'kiosk'; questionnaireId: number; recordId: number | null }
  | { name: 'mitidSettings' };

const positive = (v: string | undefined): number | null => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

export function parseMitidRoute(head: string | undefined, rest: string[]): MitidRoute | null {
  switch (head) {
    case 'questionnaires':
      return { name: 'questionnaires' };
    case 'mitid':
      return { name: 'mitidSettings' };
    case 'kiosk': {
      const questionnaireId = positive(rest[0]);
      return questionnaireId === null ? null : { name: 'kiosk', questionnaireId, recordId: positive(rest[1]) };
    }
    default:
      return null;
  }
}

export function mitidRouteHref(route: MitidRoute): string {
  switch (route.name) {
    case 'questionnaires':
      return '#/questionnaires';
    case 'mitidSettings':
      return '#/mitid';
    case 'kiosk':
      return `#/kiosk/${route.questionnaireId}${route.recordId ? `/${route.recordId}` : ''}`;
  }
}
