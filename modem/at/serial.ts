/**
 * The AtPort adapter for a `serialport` stream. `openSerialTransport` opens a
 * SerialPortStream on the given binding: the operating system's (bindings-cpp, loaded
 * only when needed), MockBinding in tests, or the emulator's in-process binding.
 */
import type { PortInfo } from '@serialport/bindings-interface';
import { SerialPortStream } from '@serialport/stream';
import { toDisposable, type Disposable } from './lifecycle';
import type { AtPort } from './port';

/** The part of a serialport `SerialPort` / `SerialPortStream` the adapter uses. */
export interface SerialStreamLike {
  readonly isOpen: boolean;
  write(data: Uint8Array, callback: (error: Error | null | undefined) => void): unknown;
  close(callback: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'close' | 'error', listener: (error?: Error | null) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  off(event: 'close' | 'error', listener: (error?: Error | null) => void): unknown;
}

function ignoreLateError(): void {
  // The writer already has this error through its callback.
}

/** Wraps an open serialport stream as an AtPort. */
export function serialStreamPort(stream: SerialStreamLike): AtPort {
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const closeListeners = new Set<(error?: Error) => void>();
  let closed = !stream.isOpen;
  let closeError: Error | undefined;

  const onData = (chunk: Uint8Array) => {
    for (const l of [...dataListeners]) l(chunk);
  };
  /** Runs once: detaches from the stream and tells every close listener. */
  const fireClose = (error?: Error | null) => {
    if (closed) return;
    closed = true;
    closeError = error ?? undefined;
    stream.off('data', onData);
    stream.off('close', onClose);
    stream.off('error', onError);
    // A write in flight when the device vanished fails through its callback, and then the
    // stream emits 'error' as well; with no listener left that would be an uncaught exception
    // (it crashed the process on an unplug during a status poll).
    stream.on('error', ignoreLateError);
    const listeners = [...closeListeners];
    closeListeners.clear();
    for (const l of listeners) l(closeError);
  };
  // serialport emits 'close' with a DisconnectedError when the device is unplugged. An
  // 'error' while the port stays open (a failed write) reaches the writer through its
  // callback; one that leaves the port closed ends it.
  function onClose(error?: Error | null): void {
    fireClose(error);
  }
  function onError(error?: Error | null): void {
    if (!stream.isOpen) fireClose(error ?? new Error('serial port error'));
  }
  if (!closed) {
    stream.on('data', onData);
    stream.on('close', onClose);
    stream.on('error', onError);
  }

  return {
    get isOpen() {
      return !closed && stream.isOpen;
    },
    write(data) {
      return new Promise<void>((resolve, reject) => {
        if (closed) {
          reject(new Error('port is closed'));
          return;
        }
        stream.write(data, (error) => (error ? reject(error) : resolve()));
      });
    },
    onData(listener): Disposable {
      dataListeners.add(listener);
      return toDisposable(() => dataListeners.delete(listener));
    },
    onClose(listener): Disposable {
      if (closed) {
        queueMicrotask(() => listener(closeError));
        return toDisposable(() => {});
      }
      closeListeners.add(listener);
      return toDisposable(() => closeListeners.delete(listener));
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        if (!stream.isOpen) {
          fireClose();
          resolve();
          return;
        }
        stream.close((error) => {
          if (error) reject(error);
          else {
            fireClose();
            resolve();
          }
        });
      });
    },
  };
}

/**
 * A serialport binding (MockBinding, bindings-cpp, the emulator's). Taken from the stream's
 * own options type: @serialport/bindings-interface publishes no types under "exports".
 */
export type SerialBinding = ConstructorParameters<typeof SerialPortStream>[0]['binding'];

export interface SerialTransportOptions {
  /** Hardware flow control; most USB modems ignore it, some phones need it. */
  readonly rtscts?: boolean;
}

/**
 * Opens `path` at `baudRate` (8N1) and returns it as an AtPort. Pass a binding to use
 * MockBinding or the emulator; without one the platform binding is loaded.
 */
export async function openSerialTransport(
  path: string,
  baudRate: number,
  binding?: SerialBinding,
  options: SerialTransportOptions = {},
): Promise<AtPort> {
  const chosen = binding ?? (await platformBinding());
  const stream = new SerialPortStream({ binding: chosen, path, baudRate, autoOpen: false, rtscts: options.rtscts ?? false });
  await new Promise<void>((resolve, reject) => stream.open((error) => (error ? reject(error) : resolve())));
  return serialStreamPort(stream as unknown as SerialStreamLike);
}

/** The serial ports the operating system lists (USB modems, built-in ports), by its serial binding. */
export async function listSerialPorts(): Promise<PortInfo[]> {
  const { autoDetect } = await import('@serialport/bindings-cpp');
  return autoDetect().list();
}

async function platformBinding(): Promise<SerialBinding> {
  // Loaded lazily: the native module is not needed by tests or the emulator.
  const { autoDetect } = await import('@serialport/bindings-cpp');
  return autoDetect() as unknown as SerialBinding;
}
