/** Public surface of the renderer ↔ core contract. Pure: no Node, no DOM, no Electron. */
export * from './names';
export * from './result';
export * from './schemas';
export * from './contract';
export type * from './api';
