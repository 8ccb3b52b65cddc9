import type { SmsDeskApi } from '../../../main/contract';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Exposed by the preload in the desktop app; absent in a plain browser. */
    readonly smsdesk?: SmsDeskApi;
  }
}

/** The desktop app's preload API when present, else the HTTP bridge of `smsdesk web`. */
export const api: SmsDeskApi = window.smsdesk ?? createHttpBridge();
export const bridgeKind: 'ipc' | 'http' = window.smsdesk ? 'ipc' : 'http';
