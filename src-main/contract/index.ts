export * from './api';
export * from './methods';
export * from './names';
export * from './notification-names';
export * from './notifications';
export * from './result';
export * from './types';
export * from './signing';
