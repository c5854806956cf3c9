import type { daAccess } from './da-access';

export const enAccess: typeof daAccess = {
  pickerNotice: 'Sandbox: here you choose a profile without signing in. This is for trying the app only – a real workspace requires MitID or a computer account.',
  lockedTitle: 'The screen is locked',
  lockedIntro: 'No record data is shown while the screen is locked. Sign in again to continue.',
  lockNow: 'Lock screen',
  os: {
    title: 'Sign in',
    intro: 'You sign in with the computer account you are logged in to this computer with. No password is needed here.',
    button: 'Sign in as {{account}}',
  },
  mitid: {
    title: 'Sign in with MitID',
    intro: 'This workspace requires sign-in with MitID Erhverv.',
  },
  kiosk: {
    leaveTitle: 'Leave the questionnaire',
    leaveIntro: 'Only a caseworker can leave the questionnaire, by signing in.',
    autoReset: 'The form is being made ready for the next citizen.',
  },
  admin: {
    title: 'Sign-in and access',
    policy: 'How caseworkers sign in',
    methods: {
      mitid: 'MitID Erhverv (the linked profile)',
      os_account: 'Computer account linked to a profile (no password; the computer login is the proof)',
      picker: 'Profile picker without sign-in (sandbox only)',
    },
    idleMinutes: 'Lock the screen after this many idle minutes',
    save: 'Save',
    saved: 'Saved.',
    osAccounts: 'Computer accounts',
    currentAccount: 'The app now runs as the computer account "{{account}}".',
    account: 'Computer account',
    profile: 'Profile',
    link: 'Link',
    unlink: 'Remove',
    noAccounts: 'No computer account is linked yet.',
    permissions: 'Permissions',
    adminHasAll: 'Administrators hold every permission.',
    permissionNames: {
      send_mailings: 'Send mailings',
    },
  },
};
