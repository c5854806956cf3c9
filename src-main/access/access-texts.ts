import type { Language, Permission, SignInMethod } from '../contract';

// Refusals are worded for the caseworker (Danish first): the CLI and logs show
// the message, and the renderer shows its own translation of the code.

const PERMISSION_NAMES: Record<Permission, { da: string; en: string }> = {
  send_mailings: { da: 'Sende masseforsendelser', en: 'Send mailings' },
};

const METHOD_NAMES: Record<SignInMethod, { da: string; en: string }> = {
  mitid: { da: 'MitID', en: 'MitID' },
  os_account: { da: 'computerkontoen', en: 'the computer account' },
  picker: { da: 'profilvalg (sandkasse)', en: 'profile picker (sandbox)' },
};

export const accessTexts = (lang: Language) => {
  const da = lang === 'da';
  return {
    adminOnly: da ? 'Kun en administrator må gøre dette. Du er logget ind uden administratorrettigheder.' : 'Only an administrator may do this. You are signed in without administrator rights.',
    missingPermission: (p: Permission) =>
      da
        ? `Du mangler tilladelsen »${PERMISSION_NAMES[p].da}«. Bed en administrator om at give dig den.`
        : `You lack the permission "${PERMISSION_NAMES[p].en}". Ask an administrator to grant it.`,
    notSignedIn: da ? 'Log ind, før du arbejder med sager.' : 'Sign in before working with records.',
    locked: da ? 'Skærmen er låst. Log ind igen for at fortsætte.' : 'The screen is locked. Sign in again to continue.',
    kiosk: da
      ? 'Spørgeskemaet er åbent for borgeren. En sagsbehandler skal logge ind for at forlade det.'
      : 'The questionnaire is open for the citizen. A caseworker must sign in to leave it.',
    wrongMethod: (policy: SignInMethod) =>
      da ? `Arbejdspladsen kræver login med ${METHOD_NAMES[policy].da}.` : `This workspace requires sign-in with ${METHOD_NAMES[policy].en}.`,
    osAccountNotLinked: (account: string) =>
      da
        ? `Computerkontoen »${account}« er ikke knyttet til en profil. Bed en administrator om at knytte den.`
        : `The computer account "${account}" is not linked to a profile. Ask an administrator to link it.`,
    pickerOutsideSandbox: da ? 'Profilvalg uden login findes kun i sandkassen.' : 'The profile picker without sign-in exists only in the sandbox.',
    ownAccountFirst: (account: string) =>
      da
        ? `Knyt først din egen computerkonto »${account}« til en administratorprofil, så du ikke låser dig selv ude.`
        : `First link your own computer account "${account}" to an administrator profile, so you do not lock yourself out.`,
    noLinkWhileLocked: da
      ? 'En ny MitID kan ikke knyttes fra låseskærmen eller spørgeskemaet; brug en MitID, der allerede er knyttet.'
      : 'A new MitID cannot be linked from the lock screen or the questionnaire; use a MitID that is already linked.',
  };
};
