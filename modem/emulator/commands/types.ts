import type { AtCommand } from '../command-line';
import type { Final } from '../results';
import type { VirtualModem } from '../virtual-modem';
import type { PortSession } from '../session';

/** A command that waits for a PDU after the "> " prompt (+CMGS, +CMGW). */
export interface PduInput {
  /** 'cmgs-text': text mode (+CMGF=1), the message text follows instead of a PDU. */
  kind: 'cmgs' | 'cmgw' | 'cmgs-text';
  /** <length>: TPDU octets expected (the SMSC field is not counted); 0 in text mode. */
  length: number;
  /** <stat> for +CMGW (default STO UNSENT). */
  stat: 0 | 1 | 2 | 3;
  /** Text mode: the recipient given in AT+CMGS="<da>". */
  to?: string;
}

export type Respond = (lines: readonly string[], final: Final) => void;

export type CommandResult =
  | { lines: readonly string[]; final: Final }
  | { prompt: PduInput }
  /** The answer comes later (network round trip); `start` receives the callback. */
  | { later: (respond: Respond) => void };

export interface CommandEnv {
  modem: VirtualModem;
  session: PortSession;
  cmd: AtCommand;
}

export type Handler = (env: CommandEnv) => CommandResult;

export interface CommandSpec {
  exec?: Handler;
  set?: Handler;
  read?: Handler;
  test?: Handler;
  /** Refused while the SIM is locked or missing, with +CME (ME commands) or +CMS (SMS commands) errors. */
  needsSim?: 'cme' | 'cms';
  /** Refused without network registration (sending, USSD). */
  needsNetwork?: 'cms' | 'cme';
}

export type CommandTable = Readonly<Record<string, CommandSpec>>;

export const done = (lines: readonly string[], final: Final): CommandResult => ({ lines, final });
