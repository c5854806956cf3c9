export * from './api';
export * from './methods';
export * from './names';
export * from './result';
export * from './types';
export * from './mitid-types';
