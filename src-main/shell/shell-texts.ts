import type { Language } from '../contract';

/** The desktop shell's own words (tray, OS notifications), Danish first. */
export interface ShellTexts {
  appName: string;
  unreadTooltip: (count: number) => string;
  open: string;
  pauseHour: string;
  pauseTomorrow: string;
  pausedUntil: (time: string) => string;
  resume: string;
  quit: string;
  summaryTitle: (count: number) => string;
  summaryBody: string;
}

const da: ShellTexts = {
  appName: 'Sagsbehandler',
  unreadTooltip: (n) => (n === 0 ? 'Sagsbehandler' : n === 1 ? 'Sagsbehandler – 1 ulæst notifikation' : `Sagsbehandler – ${n} ulæste notifikationer`),
  open: 'Åbn Sagsbehandler',
  pauseHour: 'Sæt notifikationer på pause i 1 time',
  pauseTomorrow: 'Sæt notifikationer på pause til i morgen',
  pausedUntil: (time) => `Notifikationer på pause til ${time}`,
  resume: 'Genoptag notifikationer',
  quit: 'Afslut',
  summaryTitle: (n) => `${n} nye notifikationer`,
  summaryBody: 'Åbn Sagsbehandler for at se dem.',
};

const en: ShellTexts = {
  appName: 'Caseworker',
  unreadTooltip: (n) => (n === 0 ? 'Caseworker' : n === 1 ? 'Caseworker – 1 unread notification' : `Caseworker – ${n} unread notifications`),
  open: 'Open Caseworker',
  pauseHour: 'Pause notifications for 1 hour',
  pauseTomorrow: 'Pause notifications until tomorrow',
  pausedUntil: (time) => `Notifications paused until ${time}`,
  resume: 'Resume notifications',
  quit: 'Quit',
  summaryTitle: (n) => `${n} new notifications`,
  summaryBody: 'Open Caseworker to see them.',
};

export const shellTexts = (language: Language): ShellTexts => (language === 'en' ? en : da);
