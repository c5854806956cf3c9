export * from './api';
export * from './methods';
export * from './names';
export * from './result';
export * from './types';
export * from './documents';
export * from './document-names';
export * from './document-example';
