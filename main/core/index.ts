/** The station core's public surface. Runtime: Node (no Electron, no DOM). */
export { StationCore, type StationCoreOptions } from './core';
export { EventHub } from './event-hub';
export { memoryPinStore, PinStoreError, refusingPinStore, type PinStore } from './pin-store';
export { DisposableStore, toDisposable, type Disposable } from './lifecycle';
export { APP_NAME, APP_VERSION } from './version';
export { memoryAccountTokens, type AccountTokenStore, type StoredLink } from './account-tokens';
