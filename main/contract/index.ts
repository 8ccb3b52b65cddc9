/** Public surface of the renderer ↔ core contract. Pure: no Node, no DOM, no Electron. */
export * from './names';
export * from './result';
export * from './schemas';
export * from './contract';
export * from './office';
export * from './contacts';
export * from './archive-io';
export * from './account';
export type { CallSpec } from './area';
export type * from './api';
