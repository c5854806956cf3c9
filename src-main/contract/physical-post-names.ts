// Physical post and letter files (issue 14): open, download and print any letter,
// the "Til print" list, marking as posted, and the printable proof of delivery.
// Kept apart from the schemas, like names.ts, for the preload bundle.
export const PHYSICAL_POST_METHOD_NAMES = ['getLetterPdf', 'getPrintList', 'markLettersPosted', 'getProofOfDeliveryPdf'] as const;
