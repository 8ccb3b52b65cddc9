/** The small, dependency-free part of the contract that the preload bundles. */
export type { SmsDeskApi } from './api';
export { fail, ok } from './result';
