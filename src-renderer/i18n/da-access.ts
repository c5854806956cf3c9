// Sign-in, screen lock, kiosk leaving and access administration (issue 13).
export const daAccess = {
  pickerNotice: 'Sandkasse: Her vælger du en profil uden at logge ind. Det er kun til afprøvning – en rigtig arbejdsplads kræver MitID eller computerkonto.',
  lockedTitle: 'Skærmen er låst',
  lockedIntro: 'Ingen sagsdata vises, mens skærmen er låst. Log ind igen for at fortsætte.',
  lockNow: 'Lås skærm',
  os: {
    title: 'Log ind',
    intro: 'Du logges ind med den computerkonto, du er logget på computeren med. Du skal ikke bruge en adgangskode her.',
    button: 'Log ind som {{account}}',
  },
  mitid: {
    title: 'Log ind med MitID',
    intro: 'Arbejdspladsen kræver, at du logger ind med MitID Erhverv.',
  },
  kiosk: {
    leaveTitle: 'Forlad spørgeskemaet',
    leaveIntro: 'Kun en sagsbehandler kan forlade spørgeskemaet ved at logge ind.',
    autoReset: 'Skemaet gøres klar til den næste borger om et øjeblik.',
  },
  admin: {
    title: 'Log ind og adgang',
    policy: 'Sådan logger sagsbehandlere ind',
    methods: {
      mitid: 'MitID Erhverv (den knyttede profil)',
      os_account: 'Computerkonto knyttet til en profil (ingen adgangskode; computerens login er beviset)',
      picker: 'Profilvalg uden login (kun sandkasse)',
    },
    idleMinutes: 'Lås skærmen efter så mange minutters inaktivitet',
    save: 'Gem',
    saved: 'Gemt.',
    osAccounts: 'Computerkonti',
    currentAccount: 'Programmet kører nu som computerkontoen »{{account}}«.',
    account: 'Computerkonto',
    profile: 'Profil',
    link: 'Knyt',
    unlink: 'Fjern',
    noAccounts: 'Ingen computerkonti er knyttet endnu.',
    permissions: 'Tilladelser',
    adminHasAll: 'Administratorer har alle tilladelser.',
    permissionNames: {
      send_mailings: 'Sende masseforsendelser',
    },
  },
};
