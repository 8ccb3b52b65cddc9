/**
 * A serialport binding backed by virtual modems, so code written against the
 * `serialport` package (SMSDesk's driver included) talks to the emulator with no
 * OS port in between. Semantics follow @serialport/bindings-interface: reads
 * resolve with at least one byte, and a pending read fails with `canceled` when
 * we close the port, or with a plain error when the device vanishes (unplug).
 */
import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface';
import type { Disposable } from '../at/lifecycle';
import type { VirtualPort } from './port';

export interface VirtualPortSource {
  /** Every port of every virtual modem, present or not. */
  ports(): readonly VirtualPort[];
}

class BindingError extends Error {
  constructor(
    message: string,
    readonly canceled = false,
  ) {
    super(message);
  }
}

class VirtualBindingPort implements BindingPortInterface {
  readonly openOptions: Required<OpenOptions>;
  isOpen = true;
  readonly #port: VirtualPort;
  #buffer: Buffer[] = [];
  #waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  readonly #subs: Disposable[];
  #gone = false;

  constructor(port: VirtualPort, options: Required<OpenOptions>) {
    this.#port = port;
    this.openOptions = options;
    this.#subs = [
      port.onOutput((chunk) => {
        this.#buffer.push(Buffer.from(chunk));
        this.#wake();
      }),
      port.onVanish(() => {
        this.#gone = true;
        const w = this.#waiting;
        this.#waiting = null;
        w?.reject(new BindingError(`${port.name}: device disconnected`));
      }),
    ];
  }

  #wake(): void {
    const w = this.#waiting;
    this.#waiting = null;
    w?.resolve();
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (!this.isOpen) throw new BindingError('Port is not open', true);
    while (this.#buffer.length === 0) {
      if (this.#gone) throw new BindingError(`${this.#port.name}: device disconnected`);
      await new Promise<void>((resolve, reject) => (this.#waiting = { resolve, reject }));
      if (!this.isOpen) throw new BindingError('Port is closed', true);
    }
    let bytesRead = 0;
    while (bytesRead < length && this.#buffer.length) {
      const head = this.#buffer[0]!;
      const n = Math.min(head.length, length - bytesRead);
      head.copy(buffer, offset + bytesRead, 0, n);
      bytesRead += n;
      if (n === head.length) this.#buffer.shift();
      else this.#buffer[0] = head.subarray(n);
    }
    return { buffer, bytesRead };
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new BindingError('Port is not open', true);
    if (this.#gone) throw new BindingError(`${this.#port.name}: device disconnected`);
    this.#port.write(new Uint8Array(buffer));
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new BindingError('Port is not open');
    this.isOpen = false;
    for (const s of this.#subs) s.dispose();
    const w = this.#waiting;
    this.#waiting = null;
    w?.reject(new BindingError('Port is closed', true));
  }

  async update(_options: UpdateOptions): Promise<void> {}
  async set(_options: SetOptions): Promise<void> {}
  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: false };
  }
  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate };
  }
  async flush(): Promise<void> {
    this.#buffer = [];
  }
  async drain(): Promise<void> {}
}

/** Creates a binding over the ports `source` provides; pass it to SerialPortStream. */
export function createVirtualBinding(source: VirtualPortSource): BindingInterface {
  const inUse = new Set<VirtualPort>();
  return {
    async list(): Promise<PortInfo[]> {
      return source
        .ports()
        .filter((p) => p.isPresent)
        .map((p) => ({
          path: p.name,
          manufacturer: 'SMSDesk emulator',
          serialNumber: undefined,
          pnpId: undefined,
          locationId: undefined,
          productId: undefined,
          vendorId: undefined,
        }));
    },
    async open(options: OpenOptions): Promise<BindingPortInterface> {
      const port = source.ports().find((p) => p.name === options.path && p.isPresent);
      if (!port) throw new BindingError(`Error: No such file or directory, cannot open ${options.path}`);
      // Like a real tty opened with lock: true (the serialport default), one owner at a time.
      if (inUse.has(port) && options.lock !== false) throw new BindingError(`Error Resource temporarily unavailable Cannot lock port`);
      inUse.add(port);
      const full: Required<OpenOptions> = {
        dataBits: 8,
        lock: true,
        stopBits: 1,
        parity: 'none',
        rtscts: false,
        xon: false,
        xoff: false,
        xany: false,
        hupcl: true,
        ...options,
      };
      const bound = new VirtualBindingPort(port, full);
      const close = bound.close.bind(bound);
      bound.close = async () => {
        inUse.delete(port);
        await close();
      };
      const off = port.onVanish(() => {
        inUse.delete(port);
        off.dispose();
      });
      return bound;
    },
  };
}
