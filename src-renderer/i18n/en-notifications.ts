import type { daNotifications } from './da-notifications';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const enNotifications: Widen<typeof daNotifications> = {
  bell: 'Notifications',
  bellUnread_one: '{{count}} unread notification',
  bellUnread_other: '{{count}} unread notifications',
  title: 'Notifications',
  empty: 'You have no notifications.',
  markRead: 'Mark as read',
  markUnread: 'Mark as unread',
  markAllRead: 'Mark all as read',
  showMore: 'Show more',
  unreadLabel: 'Unread',
  noRecord: 'No record',
  context: {
    responsibleUser: "You were set as responsible in field '{{field}}'{{by}}",
    responsibleGroup: "Your group '{{group}}' was set as active group in field '{{field}}'{{by}}",
    statusAction: "Status action on '{{status}}': {{text}}",
    byActor: ' by {{actor}}',
    byStatusAction: ' by a status action',
    byCsvImport: ' by CSV import',
    byTimedAction: ' by a timed action',
  },
  notifyAction: {
    users: 'Users',
    groups: 'Groups (every member)',
    fields: 'The user/group in the field',
    message: 'Message',
    messageHint: "Write {{placeholder}} to insert the record's value, e.g. {{example}}. CPR numbers are shown masked.",
  },
  responsibilities: {
    nav: 'My responsibilities',
    title: 'My responsibilities',
    intro: 'Records where you are the responsible user, or one of your groups is the responsible group.',
    workflow: 'Workflow',
    status: 'Status',
    mine: 'Me',
    viaGroup: 'Via group',
    total: 'Total',
    all: 'All',
    empty: 'You have no records to answer for.',
    records: 'Records in status "{{status}}"',
    number: 'Number',
    name: 'Name',
    updated: 'Changed',
  },
};
