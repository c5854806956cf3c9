// Small rules of physical post shared by main and the renderer (zod-free, DOM-free).

/** Whether a letter has anything to prove yet: received by Digital Post, or marked as posted. */
export const hasProofOfDelivery = (state: string, postedOn: string | null): boolean =>
  state === 'accepted' || state === 'delivered' || state === 'read' || (state === 'physical_post' && postedOn !== null);

/** A YYYY-MM-DD day as dd-mm-åååå, the way a Danish caseworker writes it. */
export const danishDayText = (isoDay: string): string => isoDay.split('-').reverse().join('-');
