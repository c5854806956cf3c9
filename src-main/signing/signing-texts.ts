import type { Language } from '../contract';

/**
 * Texts the signing worker writes for people: the letter to the citizen and
 * the caseworkers' notifications. Danish first. Never a CPR number.
 */
export const signingTexts = (lang: Language) =>
  lang === 'da'
    ? {
        letterNotification: (title: string) => `Du bedes underskrive: ${title}`,
        letterActionLabel: 'Underskriv med MitID',
        requested: (title: string, number: string) => `Underskrift sendt til borgeren: "${title}" (sag ${number})`,
        completed: (title: string, number: string) => `Borgeren har underskrevet "${title}" (sag ${number})`,
        rejected: (title: string, number: string) => `Borgeren har afvist at underskrive "${title}" (sag ${number})`,
        expired: (title: string, number: string) => `Fristen for at underskrive "${title}" er udløbet (sag ${number})`,
        failed: (title: string, number: string, why: string) => `Underskriften "${title}" mislykkedes (sag ${number}): ${why}`,
        cost: (title: string) => `MitID-underskrift: ${title}`,
        statusComment: (title: string, outcome: string) => `Underskrift "${title}": ${outcome}`,
        outcome: { signed: 'underskrevet', rejected: 'afvist', expired: 'udløbet' },
        couldNotMove: (why: string) => `Sagen kunne ikke flyttes: ${why}`,
      }
    : {
        letterNotification: (title: string) => `Please sign: ${title}`,
        letterActionLabel: 'Sign with MitID',
        requested: (title: string, number: string) => `Signature request sent to the citizen: "${title}" (record ${number})`,
        completed: (title: string, number: string) => `The citizen has signed "${title}" (record ${number})`,
        rejected: (title: string, number: string) => `The citizen has rejected signing "${title}" (record ${number})`,
        expired: (title: string, number: string) => `The deadline to sign "${title}" has passed (record ${number})`,
        failed: (title: string, number: string, why: string) => `The signature request "${title}" failed (record ${number}): ${why}`,
        cost: (title: string) => `MitID signature: ${title}`,
        statusComment: (title: string, outcome: string) => `Signature "${title}": ${outcome}`,
        outcome: { signed: 'signed', rejected: 'rejected', expired: 'expired' },
        couldNotMove: (why: string) => `The record could not be moved: ${why}`,
      };
