import type { PduInput } from './commands/types';
import type { VirtualPort } from './port';

/** Per-port interpreter state: echo, the line being typed, a pending "> " prompt. */
export class PortSession {
  readonly port: VirtualPort;
  echo: boolean;
  /** Characters of the command line typed so far. */
  line = '';
  /** Set while the modem waits for a PDU after "> ". */
  pdu: { input: PduInput; text: string } | null = null;
  /** True while a command is executing; input waits. */
  busy = false;
  /** Input that arrived while busy, processed afterwards. */
  pending: number[] = [];

  constructor(port: VirtualPort, echo: boolean) {
    this.port = port;
    this.echo = echo;
  }

  reset(echo: boolean): void {
    this.echo = echo;
    this.line = '';
    this.pdu = null;
    this.busy = false;
    this.pending = [];
  }
}
