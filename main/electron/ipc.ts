/**
 * The only module that touches `ipcMain` (lint enforces it). It wires the typed
 * contract to Electron IPC: one handler per call, one channel per event, and a
 * sender check on every message.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { callNames, eventNames, fail, ipcChannel, isEventName, type EventName } from '../contract';
import type { StationCore } from '../core';
import { DisposableStore, toDisposable, type Disposable } from '../core/lifecycle';

export interface IpcOptions {
  core: StationCore;
  /** The window allowed to talk to the core, and the URLs its frames may show. */
  trusted: () => WebContents | null;
  isAppUrl: (url: string) => boolean;
  log: (message: string) => void;
}

export function wireContract(options: IpcOptions): Disposable {
  const { core, trusted, isAppUrl, log } = options;
  const store = new DisposableStore();

  const isTrusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const ok = event.sender === trusted() && frame !== null && frame.parent === null && isAppUrl(frame.url);
    if (!ok) log(`rejected IPC from untrusted sender ${frame?.url ?? '(gone)'}`);
    return ok;
  };

  for (const name of callNames) {
    const channel = ipcChannel.call(name);
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!isTrusted(event)) return fail('forbidden', 'This window may not use SMSDesk.');
      return core.call(name, args);
    });
    store.add(toDisposable(() => ipcMain.removeHandler(channel)));
  }

  // Events go only to the trusted window; a subscribe message asks for the latest value.
  const send = (name: EventName, payload: unknown): void => {
    const wc = trusted();
    if (wc && !wc.isDestroyed()) wc.send(ipcChannel.event(name), payload);
  };
  for (const name of eventNames) {
    store.add(core.events.subscribe(name, (payload) => send(name, payload)));
  }
  const onSubscribe = (event: IpcMainEvent, name: unknown): void => {
    if (!isTrusted(event) || !isEventName(name)) return;
    const latest = core.events.latest(name);
    if (latest !== undefined) send(name, latest);
  };
  ipcMain.on(ipcChannel.subscribe, onSubscribe);
  store.add(toDisposable(() => ipcMain.off(ipcChannel.subscribe, onSubscribe)));

  return store;
}
