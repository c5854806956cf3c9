/**
 * The signing page's texts. Idura's UI speaks Danish, English, Swedish and
 * Norwegian (the `Language` enum); the sandbox has Danish and English, and
 * shows Swedish and Norwegian orders in English with a visible note.
 */
export type Lang = 'da' | 'en';
export type Language = 'DA_DK' | 'EN_US' | 'SV_SE' | 'NB_NO';

export const TEXT = {
  da: {
    title: 'Underskriv dokument',
    sandbox: 'SANDKASSE – ingen rigtig MitID og ingen juridisk gyldig underskrift',
    loginIntro: 'Log på med MitID for at læse og underskrive dokumentet.',
    loginAs: 'Log på med MitID som',
    mitidMessage: 'Besked i MitID-appen',
    mismatch: 'Du kan ikke underskrive dette dokument. Dit MitID passer ikke til den person, dokumentet er sendt til.',
    unique: 'Du har allerede underskrevet dette dokument som en anden underskriver. Samme person kan ikke underskrive to gange.',
    tryAgain: 'Log på med et andet MitID',
    read: 'Læs dokumentet, og vælg så om du vil underskrive det.',
    readApprove: 'Læs dokumentet, og vælg så om du vil godkende det.',
    readOnly: 'Du kan læse dokumentet. Du skal ikke underskrive det.',
    waiting: 'Andre skal underskrive før dig. Du får besked, når det er din tur.',
    loggedInAs: 'Logget på som',
    sign: 'Underskriv med MitID',
    signNoop: 'Underskriv (test, uden MitID)',
    signDrawn: 'Underskriv med tegnet underskrift',
    drawnName: 'Dit navn',
    approve: 'Godkend',
    reject: 'Afvis',
    cancel: 'Annullér',
    rejectReason: 'Begrundelse (valgfri)',
    signed: 'Tak. Dokumentet er underskrevet.',
    approved: 'Tak. Du har godkendt dokumentet.',
    rejected: 'Du har afvist at underskrive dokumentet.',
    cancelledByYou: 'Du har afbrudt. Du kan åbne linket igen senere.',
    closed: 'Dette underskriftsforløb er afsluttet',
    expired: 'Linket er udløbet. Kontakt afsenderen, hvis du stadig skal underskrive.',
    cancelled: 'Afsenderen har annulleret underskriftsforløbet.',
    unknown: 'Linket findes ikke.',
    open: 'Åbn dokumentet',
    download: 'Hent de underskrevne dokumenter',
    downloadIntro: 'Log på med MitID for at hente de underskrevne dokumenter.',
    fallback: '',
  },
  en: {
    title: 'Sign document',
    sandbox: 'SANDBOX – no real MitID and no legally valid signature',
    loginIntro: 'Log in with MitID to read and sign the document.',
    loginAs: 'Log in with MitID as',
    mitidMessage: 'Message in the MitID app',
    mismatch: 'You cannot sign this document. Your MitID does not match the person the document was sent to.',
    unique: 'You have already signed this document as another signatory. The same person cannot sign twice.',
    tryAgain: 'Log in with another MitID',
    read: 'Read the document, then choose whether to sign it.',
    readApprove: 'Read the document, then choose whether to approve it.',
    readOnly: 'You can read the document. You are not asked to sign it.',
    waiting: 'Others must sign before you. You will be told when it is your turn.',
    loggedInAs: 'Logged in as',
    sign: 'Sign with MitID',
    signNoop: 'Sign (test, without MitID)',
    signDrawn: 'Sign with a drawn signature',
    drawnName: 'Your name',
    approve: 'Approve',
    reject: 'Reject',
    cancel: 'Cancel',
    rejectReason: 'Reason (optional)',
    signed: 'Thank you. The document is signed.',
    approved: 'Thank you. You have approved the document.',
    rejected: 'You have rejected signing the document.',
    cancelledByYou: 'You have stopped. You can open the link again later.',
    closed: 'This signing has ended',
    expired: 'The link has expired. Contact the sender if you still need to sign.',
    cancelled: 'The sender has cancelled the signing.',
    unknown: 'The link does not exist.',
    open: 'Open the document',
    download: 'Download the signed documents',
    downloadIntro: 'Log in with MitID to download the signed documents.',
    fallback: '',
  },
} as const;

export type Texts = { [K in keyof (typeof TEXT)['en']]: string };

const FALLBACK_NOTE: Record<Exclude<Language, 'DA_DK' | 'EN_US'>, string> = {
  SV_SE: 'Swedish (SV_SE) is not translated in the Sandbox: shown in English.',
  NB_NO: 'Norwegian (NB_NO) is not translated in the Sandbox: shown in English.',
};

/** The texts for a `ui.language` (null: no order known, Danish); languages the sandbox lacks fall back to English with a note. */
export function textsFor(language: Language | null): { lang: Lang; t: Texts } {
  if (language === 'DA_DK' || language === null) return { lang: 'da', t: TEXT.da };
  if (language === 'SV_SE' || language === 'NB_NO') return { lang: 'en', t: { ...TEXT.en, fallback: FALLBACK_NOTE[language] } };
  return { lang: 'en', t: TEXT.en };
}
