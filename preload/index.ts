/**
 * The preload: the renderer's only door to the core. It exposes `window.smsdesk`
 * (the typed contract's call/on) through contextBridge and nothing else; the raw
 * ipcRenderer never reaches the page. Runs sandboxed, so it is bundled as CommonJS.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { fail, type SmsDeskApi } from '../main/contract/api-runtime';
import { ipcChannel, isCallName, isEventName } from '../main/contract/names';

const api: SmsDeskApi = {
  call: (name, args) => {
    if (!isCallName(name)) return Promise.resolve(fail('unknown-call', `There is no call named ${String(name)}.`));
    return ipcRenderer.invoke(ipcChannel.call(name), args);
  },
  on: (name, listener) => {
    if (!isEventName(name)) return () => undefined;
    const channel = ipcChannel.event(name);
    // Hand the page only the payload: the IpcRendererEvent carries `sender`, a way back to ipcRenderer.
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
      (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(channel, wrapped);
    ipcRenderer.send(ipcChannel.subscribe, name);
    return () => {
      ipcRenderer.off(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('smsdesk', api);
