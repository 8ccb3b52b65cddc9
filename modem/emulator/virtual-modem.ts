/**
 * A virtual GSM modem: the AT command interpreter of TS 27.005 / 27.007 over one
 * or more virtual serial ports, with SIM, message stores, network registration,
 * USSD and calls, shaped by a quirk profile. It behaves like the hardware it
 * stands in for, including its faults (unplug, hang, noise, truncated replies).
 */
import type { Disposable } from '../at/lifecycle';
import { parseCommandLine, type AtCommand } from './command-line';
import { basicCommands } from './commands/basic';
import { callCommands } from './commands/calls';
import { huaweiCommands } from './commands/huawei';
import { networkCommands } from './commands/network';
import { simCommands } from './commands/sim';
import { smsCommands } from './commands/sms';
import type { CommandResult, CommandSpec, CommandTable, PduInput, Respond } from './commands/types';
import { encodeSubmit, packUssdHex, PduEncodeError } from '../pdu';
import { fromHex, smscField, splitSmsc } from './hex';
import type { DeliveryOutcome, NetworkLink, Registration } from './link';
import type { Endpoint } from './network';
import { VirtualPort } from './port';
import type { ModemProfile } from './profiles';
import { cme, cms, ERROR, finalText, type Final } from './results';
import type { Scheduler } from './scheduler';
import { PortSession } from './session';
import { MessageStore, type StoreName } from './storage';

const CR = 0x0d;
const LF = 0x0a;
const CTRL_Z = 0x1a;
const ESC = 0x1b;
const BACKSPACE = 0x08;
/** TS 27.005 §3.4.1: the TE must acknowledge a routed message within the network's timeout. */
export const CNMA_TIMEOUT_MS = 15_000;
/** How long a network round trip may take before the modem gives up on +CMGS. */
export const SUBMIT_TIMEOUT_MS = 60_000;

const COMMANDS: CommandTable = { ...basicCommands, ...simCommands, ...networkCommands, ...smsCommands, ...callCommands };
const VENDOR_COMMANDS: Readonly<Record<NonNullable<ModemProfile['vendorCommands']>, CommandTable>> = { huawei: huaweiCommands };

export interface Subscriber {
  msisdn: string;
  imsi: string;
  iccid: string;
  imei: string;
  /** SIM PIN, or null when the SIM has PIN checking off. */
  pin: string | null;
  puk: string;
}

export type SimState = 'ready' | 'pin' | 'puk' | 'blocked' | 'absent';

export interface ModemState {
  cfun: 0 | 1 | 4;
  sim: SimState;
  pinTries: number;
  pukTries: number;
  cmee: 0 | 1 | 2;
  cmgf: 0 | 1;
  cscs: string;
  csms: 0 | 1;
  /** <mode>,<mt>,<bm>,<ds>,<bfr> of +CNMI. */
  cnmi: [number, number, number, number, number];
  /** <mem1> read/delete, <mem2> write/send, <mem3> receive. */
  mem: [StoreName, StoreName, StoreName];
  creg: 0 | 1 | 2;
  cgreg: 0 | 1 | 2;
  cereg: 0 | 1 | 2;
  clip: 0 | 1;
  cusd: 0 | 1;
  signal: number;
  registration: Registration;
  smsc: string | null;
  /** Next TP-Message-Reference (TS 23.040 §9.2.3.6: the MS increments it, modulo 256). */
  nextMr: number;
  /** A hung modem reads input and answers nothing until power-cycled. */
  hung: boolean;
  call: { number: string; type: number; answered: boolean; ringing: Disposable | null } | null;
}

export interface VirtualModemOptions {
  profile: ModemProfile;
  subscriber: Subscriber;
  network: NetworkLink;
  scheduler: Scheduler;
  /** Base of the port names; ports are named base + the profile's port suffix. */
  portBase: string;
}

/** An unacknowledged +CMT / +CDS (with +CSMS=1), waiting for +CNMA. */
interface AwaitingAck {
  ack: (delivered: boolean) => void;
  timer: Disposable;
}

export class VirtualModem implements Endpoint {
  readonly profile: ModemProfile;
  readonly subscriber: Subscriber;
  readonly network: NetworkLink;
  get msisdn(): string {
    return this.subscriber.msisdn;
  }
  readonly scheduler: Scheduler;
  readonly ports: VirtualPort[];
  readonly stores: Record<'SM' | 'ME' | 'SR', MessageStore>;
  state: ModemState;
  readonly #sessions = new Map<VirtualPort, PortSession>();
  #awaitingAck: AwaitingAck | null = null;
  #noise: Disposable | null = null;
  #pendingNoise: string[] = [];
  /** What the network saw the DTE do, for tests and the control API. */
  readonly log: string[] = [];
  /** Extra time before every answer (fault: a modem that has become slow). */
  extraDelayMs = 0;
  /** How long +CMGS waits for the network before +CMS ERROR: 332 (tests shorten it). */
  submitTimeoutMs = SUBMIT_TIMEOUT_MS;

  constructor(options: VirtualModemOptions) {
    this.profile = options.profile;
    this.subscriber = options.subscriber;
    this.network = options.network;
    this.scheduler = options.scheduler;
    const cap = options.profile.capacity;
    this.stores = { SM: new MessageStore('SM', cap.SM), ME: new MessageStore('ME', cap.ME), SR: new MessageStore('SR', cap.SR) };
    this.ports = options.profile.ports.map(
      (spec) =>
        new VirtualPort({
          name: `${options.portBase}${spec.name}`,
          urcs: spec.urcs,
          scheduler: options.scheduler,
          onInput: (p, c) => this.#input(p, c),
        }),
    );
    for (const port of this.ports) this.#sessions.set(port, new PortSession(port, options.profile.echo));
    this.state = this.#powerOnState();
    this.#startNoise();
  }

  #powerOnState(): ModemState {
    const defaultStore: StoreName = this.profile.capacity.SM > 0 ? 'SM' : 'ME';
    return {
      cfun: 1,
      sim: this.state?.sim === 'absent' ? 'absent' : this.subscriber.pin ? 'pin' : 'ready',
      pinTries: this.state?.pinTries ?? 3,
      pukTries: this.state?.pukTries ?? 10,
      cmee: 0,
      cmgf: 0,
      cscs: 'IRA',
      csms: 0,
      cnmi: [0, 0, 0, 0, 0],
      mem: [defaultStore, defaultStore, defaultStore],
      creg: 0,
      cgreg: 0,
      cereg: 0,
      clip: 0,
      cusd: 0,
      signal: this.state?.signal ?? 21,
      registration: this.state?.registration ?? { stat: 1, lac: 0x2a1f, ci: 0x1b3c },
      smsc: this.network.smsc,
      nextMr: this.state?.nextMr ?? 0,
      hung: false,
      call: null,
    };
  }

  // ---- Output helpers -------------------------------------------------------

  sessionOf(port: VirtualPort): PortSession {
    const s = this.#sessions.get(port);
    if (!s) throw new Error('port does not belong to this modem');
    return s;
  }

  /** Unsolicited result codes, one per line, to every present port that carries URCs (V.250 §5.7.1). */
  urc(lines: readonly string[]): void {
    this.#urcText(lines.map((l) => `\r\n${l}\r\n`).join(''));
  }

  /** One unsolicited result code spanning lines, e.g. +CMT's header then its PDU (TS 27.005 §3.4.1). */
  urcBlock(lines: readonly string[]): void {
    this.#urcText(`\r\n${lines.join('\r\n')}\r\n`);
  }

  #urcText(text: string): void {
    if (this.state.cfun === 0) return;
    for (const port of this.ports) {
      if (!port.urcs || !port.isPresent) continue;
      port.send(text, this.profile.answerDelayMs);
    }
  }

  #reply(session: PortSession, lines: readonly string[], final: Final): void {
    let text = '';
    if (lines.length) text += `\r\n${lines.join('\r\n')}\r\n`;
    // Huawei sticks print their status lines even between a response and its result code.
    if (this.#pendingNoise.length && this.profile.noise?.insideResponses && session.port.urcs) {
      text += this.#pendingNoise.map((l) => `\r\n${l}\r\n`).join('');
      this.#pendingNoise = [];
    }
    text += `\r\n${finalText(final, this.state.cmee)}\r\n`;
    session.port.send(text, this.profile.answerDelayMs + this.extraDelayMs);
  }

  // ---- Input ----------------------------------------------------------------

  #input(port: VirtualPort, chunk: Uint8Array): void {
    const session = this.sessionOf(port);
    for (const byte of chunk) {
      if (session.busy) {
        session.pending.push(byte);
        continue;
      }
      this.#inputByte(session, byte);
    }
  }

  #inputByte(session: PortSession, byte: number): void {
    if (this.state.hung) return;
    if (session.pdu) return this.#pduByte(session, byte);
    if (session.echo) session.port.send(new Uint8Array([byte]));
    if (byte === CR) {
      const line = session.line;
      session.line = '';
      if (line.trim().length > 0) this.#runLine(session, line);
      return;
    }
    if (byte === LF) return;
    if (byte === BACKSPACE) {
      session.line = session.line.slice(0, -1);
      return;
    }
    if (byte === ESC || byte === CTRL_Z) {
      session.line = '';
      return;
    }
    // V.250 §5.2.1: a line longer than the buffer is discarded; 2048 covers the longest +CMGS.
    if (session.line.length < 2048) session.line += String.fromCharCode(byte);
  }

  #pduByte(session: PortSession, byte: number): void {
    const pending = session.pdu!;
    if (session.echo && byte !== CTRL_Z && byte !== ESC) session.port.send(new Uint8Array([byte]));
    if (byte === ESC) {
      // TS 27.005 §3.5.1: ESC cancels the message; most modems then answer OK.
      session.pdu = null;
      this.log.push(`${session.port.name}: +CMGS cancelled with ESC`);
      this.#reply(session, [], { kind: 'ok' });
      return;
    }
    if (byte === CTRL_Z) {
      session.pdu = null;
      this.#finishPdu(session, pending.input, pending.text);
      return;
    }
    if (pending.input.kind === 'cmgs-text') {
      // Text mode: CR starts a new line of the message and the modem prompts again.
      if (byte === CR) {
        pending.text += '\n';
        session.port.send('\r\n> ', this.profile.answerDelayMs);
        return;
      }
      if (byte === LF) return;
    } else if (byte === CR || byte === LF) return;
    if (pending.text.length < 1024) pending.text += String.fromCharCode(byte);
  }

  #runLine(session: PortSession, line: string): void {
    const parsed = parseCommandLine(line);
    if (!parsed.ok) {
      // A line that is not a command (noise, a stray PDU) gets ERROR, as real modems answer.
      this.#reply(session, [], ERROR);
      return;
    }
    session.busy = true;
    const lines: string[] = [];
    const run = (i: number): void => {
      if (i >= parsed.commands.length) return this.#finishLine(session, lines, { kind: 'ok' });
      const result = this.#execute(session, parsed.commands[i]!);
      const onDone = (more: readonly string[], final: Final): void => {
        lines.push(...more);
        if (final.kind !== 'ok') return this.#finishLine(session, lines, final);
        run(i + 1);
      };
      if ('lines' in result) return onDone(result.lines, result.final);
      if ('prompt' in result) {
        // The rest of the line is ignored once a prompt opens (no modem chains after +CMGS).
        session.pdu = { input: result.prompt, text: '' };
        session.busy = false;
        session.port.send('\r\n> ', this.profile.answerDelayMs);
        this.#drain(session);
        return;
      }
      result.later(onDone);
    };
    run(0);
  }

  #finishLine(session: PortSession, lines: readonly string[], final: Final): void {
    this.#reply(session, lines, final);
    session.busy = false;
    this.#drain(session);
  }

  #drain(session: PortSession): void {
    while (!session.busy && session.pending.length) {
      const byte = session.pending.shift()!;
      this.#inputByte(session, byte);
    }
  }

  #execute(session: PortSession, cmd: AtCommand): CommandResult {
    const vendor = this.profile.vendorCommands ? VENDOR_COMMANDS[this.profile.vendorCommands] : undefined;
    const spec: CommandSpec | undefined = COMMANDS[cmd.name] ?? vendor?.[cmd.name];
    const handler = spec?.[cmd.form];
    if (!spec || !handler) {
      this.log.push(`${session.port.name}: unsupported ${cmd.name} (${cmd.form})`);
      return { lines: [], final: this.profile.unknownCommand === 'unsupported' ? { kind: 'unsupported' } : ERROR };
    }
    if (spec.needsSim && cmd.form !== 'test') {
      const refusal = this.#simRefusal(spec.needsSim);
      if (refusal) return { lines: [], final: refusal };
    }
    return handler({ modem: this, session, cmd });
  }

  #simRefusal(kind: 'cme' | 'cms'): Final | null {
    const s = this.state.sim;
    if (s === 'ready') return null;
    if (kind === 'cme') return cme(s === 'absent' ? 10 : s === 'pin' ? 11 : s === 'puk' ? 12 : 13);
    return cms(s === 'absent' ? 310 : s === 'pin' ? 311 : s === 'puk' ? 316 : 313);
  }

  /** Whether SMS can go out now, or the +CMS error that says why not. */
  sendRefusal(): Final | null {
    const sim = this.#simRefusal('cms');
    if (sim) return sim;
    if (this.state.cfun !== 1) return cms(331);
    const reg = this.state.registration.stat;
    if (reg !== 1 && reg !== 5) return cms(331);
    if (!this.state.smsc) return cms(330);
    return null;
  }

  // ---- +CMGS / +CMGW ----------------------------------------------------------

  #finishPdu(session: PortSession, input: PduInput, hex: string): void {
    if (input.kind === 'cmgs-text') return this.#finishText(session, input.to ?? '', hex);
    const bytes = fromHex(hex.trim());
    const split = bytes ? splitSmsc(bytes) : null;
    // TS 27.005 §3.5.1: <length> counts the TPDU only; a mismatch is an invalid PDU.
    if (!bytes || !split || split.tpdu.length !== input.length || split.tpdu.length === 0) {
      this.log.push(`${session.port.name}: bad PDU for ${input.kind} (${hex.length} hex digits, length ${input.length})`);
      this.#reply(session, [], cms(304));
      return;
    }
    session.busy = true;
    if (input.kind === 'cmgw') {
      const store = this.store(this.state.mem[1]);
      const index = store?.add({ stat: input.stat, pdu: bytes, tpduLength: split.tpdu.length }) ?? null;
      if (index === null) return this.#finishLine(session, [], cms(322));
      return this.#finishLine(session, [`+CMGW: ${index}`], { kind: 'ok' });
    }
    this.submitTpdu(split.tpdu, (lines, final) => this.#finishLine(session, lines, final), '+CMGS');
  }

  /** Text mode (+CMGF=1): one SMS of at most one part, encoded as the modem's default would. */
  #finishText(session: PortSession, to: string, raw: string): void {
    session.busy = true;
    // The DTE types in the TE character set; "IRA"/"GSM" carry the ISO 8859-1 subset here.
    const text = raw;
    let encoded;
    try {
      encoded = encodeSubmit({ to, text, messageReference: 0 });
    } catch (err) {
      if (!(err instanceof PduEncodeError)) throw err;
      return this.#finishLine(session, [], cms(305));
    }
    // Text mode sends one message, not a concatenated one (TS 27.005 §3.5.1: <text> up to one SMS).
    if (encoded.parts.length !== 1) return this.#finishLine(session, [], cms(305));
    const bytes = fromHex(encoded.parts[0]!.hex)!;
    const split = splitSmsc(bytes)!;
    this.submitTpdu(split.tpdu, (lines, final) => this.#finishLine(session, lines, final), '+CMGS');
  }

  /** Sends a TPDU through the network; answers `+CMGS: <mr>` (or `+CMSS`) or a +CMS error. */
  submitTpdu(tpdu: Uint8Array, respond: Respond, prefix: '+CMGS' | '+CMSS'): void {
    const refusal = this.sendRefusal();
    if (refusal) return respond([], refusal);
    // SMS-SUBMIT (TP-MTI 01): the MS sets TP-MR (TS 23.040 §9.2.3.6).
    if ((tpdu[0]! & 0x03) !== 0x01 || tpdu.length < 2) return respond([], cms(304));
    const mr = this.state.nextMr;
    this.state.nextMr = (mr + 1) % 256;
    const withMr = new Uint8Array(tpdu);
    withMr[1] = mr;
    let answered = false;
    const timeout = this.scheduler.schedule(this.submitTimeoutMs, () => {
      if (answered) return;
      answered = true;
      respond([], cms(332));
    });
    this.network.submit(this.subscriber.msisdn, withMr, (result) => {
      if (answered) return;
      answered = true;
      timeout.dispose();
      if (result.ok) respond([`${prefix}: ${mr}`], { kind: 'ok' });
      else respond([], cms(result.cms));
    });
  }

  // ---- Stores -------------------------------------------------------------------

  /** A store by name; "MT" means SM then ME. Null when the modem has no such store. */
  store(name: StoreName): MessageStore | null {
    if (name === 'MT') return this.stores.SM.capacity > 0 ? this.stores.SM : this.stores.ME;
    const s = this.stores[name];
    return s.capacity > 0 ? s : null;
  }

  storeAvailable(name: string): name is StoreName {
    if (name === 'MT') return this.stores.SM.capacity + this.stores.ME.capacity > 0;
    return (name === 'SM' || name === 'ME' || name === 'SR') && this.stores[name].capacity > 0;
  }

  pduForDisplay(pdu: Uint8Array): string {
    let s = '';
    for (const b of pdu) s += b.toString(16).padStart(2, '0');
    return s.toUpperCase();
  }

  alpha(): string {
    return this.profile.alphaField === 'quoted-empty' ? '""' : '';
  }

  /** Called after messages are deleted: a full store that has room again tells the network. */
  spaceFreed(): void {
    this.network.memoryAvailable(this.subscriber.msisdn);
  }

  // ---- From the network -----------------------------------------------------------

  /**
   * Reachable for SMS and calls: powered (a USB modem that is unplugged has no power),
   * SIM usable, registered.
   */
  get reachable(): boolean {
    const reg = this.state.registration.stat;
    const powered = this.ports.some((p) => p.isPresent);
    return powered && this.state.cfun === 1 && this.state.sim === 'ready' && (reg === 1 || reg === 5);
  }

  /**
   * An SMS-DELIVER arrives (TPDU without SMSC field). Where it goes follows
   * +CNMI <mt> (TS 27.005 §3.4.1) and the message class. `ack` reports, for a
   * routed message, whether the DTE acknowledged it.
   */
  deliverSms(tpdu: Uint8Array, messageClass: 0 | 1 | 2 | 3 | null, ack: (delivered: boolean) => void): DeliveryOutcome {
    if (!this.reachable) return 'absent';
    const pdu = concat(smscField(this.network.smsc), tpdu);
    const mt = this.state.cnmi[1];
    const direct = (mt === 2 && messageClass !== 2) || (mt === 3 && messageClass === 3);
    if (direct && this.#urcPortPresent()) {
      // TS 27.005 §3.4.1: +CMT: [<alpha>],<length><CR><LF><pdu>
      this.urcBlock([`+CMT: ${this.alpha()},${tpdu.length}`, this.pduForDisplay(pdu)]);
      this.#expectAck(ack);
      return 'routed';
    }
    const storeName = this.state.mem[2];
    const store = this.store(storeName);
    if (!store) return 'memory-full';
    const index = store.add({ stat: 0, pdu, tpduLength: tpdu.length });
    // TS 23.038 §4: class 0 is shown, not stored, by phones; modems store it like any other.
    if (index === null) return 'memory-full';
    if (mt === 1 || mt === 2 || mt === 3) this.urc([`+CMTI: "${storeName === 'MT' ? store.name : storeName}",${index}`]);
    ack(true);
    return 'stored';
  }

  /** An SMS-STATUS-REPORT arrives; +CNMI <ds> says where it goes (TS 27.005 §3.4.1). */
  deliverStatusReport(tpdu: Uint8Array, ack: (delivered: boolean) => void): DeliveryOutcome {
    if (!this.reachable) return 'absent';
    const pdu = concat(smscField(this.network.smsc), tpdu);
    const ds = this.state.cnmi[3];
    if (ds === 1 && this.#urcPortPresent()) {
      this.urcBlock([`+CDS: ${tpdu.length}`, this.pduForDisplay(pdu)]);
      this.#expectAck(ack);
      return 'routed';
    }
    if (ds === 2) {
      const { store: where, announce } = this.profile.statusReports;
      const store = this.store(where) ?? this.store(this.state.mem[2]);
      const index = store?.add({ stat: 0, pdu, tpduLength: tpdu.length }) ?? null;
      if (index === null) return 'memory-full';
      // Some modems (Quectel EC25) name the wrong store and index here: see the profile's source.
      const shown = announce === where ? index : 0;
      this.urc([`+CDSI: "${announce}",${shown}`]);
      ack(true);
      return 'stored';
    }
    // ds=0: no report to the TE; the network counts it delivered to the MS.
    ack(true);
    return 'stored';
  }

  #urcPortPresent(): boolean {
    return this.ports.some((p) => p.urcs && p.isPresent);
  }

  #expectAck(ack: (delivered: boolean) => void): void {
    if (this.state.csms === 0) {
      // Phase 2 (CSMS=0): the ME acknowledges by itself.
      ack(true);
      return;
    }
    this.#awaitingAck?.timer.dispose();
    const timer = this.scheduler.schedule(CNMA_TIMEOUT_MS, () => {
      // TS 27.005 §3.4.1: no +CNMA in time — the ME rejects it to the network and turns
      // routing off (<mt> and <ds> to 0) so the message is not lost, only delayed.
      this.#awaitingAck = null;
      this.state.cnmi[1] = 0;
      this.state.cnmi[3] = 0;
      this.log.push('no +CNMA in time: routing to the TE disabled');
      ack(false);
    });
    this.#awaitingAck = { ack, timer };
  }

  /** AT+CNMA: returns false when nothing waits for an acknowledgement. */
  acknowledge(): boolean {
    const waiting = this.#awaitingAck;
    if (!waiting) return false;
    this.#awaitingAck = null;
    waiting.timer.dispose();
    waiting.ack(true);
    return true;
  }

  /** A USSD answer or network-initiated USSD (+CUSD: <m>[,<str>,<dcs>], TS 27.007 §7.15). */
  ussd(m: 0 | 1 | 2 | 3 | 4 | 5, text?: string, dcs = 15): void {
    if (this.state.cusd !== 1 && m !== 2) return;
    if (text === undefined) return this.urc([`+CUSD: ${m}`]);
    // Characters outside the GSM alphabet show as '?', as on the modems that use this form.
    const shown =
      this.profile.ussd === 'hex' ? (packUssdHex(text) ?? packUssdHex(text.replace(/[^\x20-\x7e]/g, '?'))!) : text.replace(/"/g, "'");
    this.urc([`+CUSD: ${m},"${shown}",${dcs}`]);
  }

  /** An incoming call: RING every few seconds, with +CLIP when enabled (TS 27.007 §7.6). */
  incomingCall(number: string): void {
    if (!this.reachable || this.state.call) return;
    const type = number.startsWith('+') ? 145 : 129;
    const call = { number, type, answered: false, ringing: null as Disposable | null };
    this.state.call = call;
    const ring = (): void => {
      if (this.state.call !== call || call.answered) return;
      this.urc(this.state.clip ? ['RING', `+CLIP: "${number}",${type},"",,"",0`] : ['RING']);
      call.ringing = this.scheduler.schedule(3_000, ring);
    };
    ring();
  }

  /** The caller hangs up (or the network drops the call). */
  callEnded(): void {
    const call = this.state.call;
    if (!call) return;
    call.ringing?.dispose();
    this.state.call = null;
    if (call.answered) this.urc(['NO CARRIER']);
  }

  // ---- Network state changes ---------------------------------------------------------

  setSignal(rssi: number): void {
    this.state.signal = rssi;
  }

  setRegistration(reg: Registration): void {
    this.state.registration = reg;
    const { creg, cgreg, cereg } = this.state;
    const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
    const line = (cmd: string, n: number): string =>
      n === 2 ? `${cmd}: ${reg.stat},"${hex(reg.lac)}","${hex(reg.ci)}"` : `${cmd}: ${reg.stat}`;
    const lines: string[] = [];
    if (creg) lines.push(line('+CREG', creg));
    if (cgreg) lines.push(line('+CGREG', cgreg));
    if (cereg) lines.push(line('+CEREG', cereg));
    if (lines.length) this.urc(lines);
  }

  // ---- Faults ----------------------------------------------------------------------

  /** The USB cable is pulled: every port vanishes; SIM storage survives, settings do not. */
  unplug(): void {
    for (const p of this.ports) p.vanish();
    this.#noise?.dispose();
    this.#noise = null;
    this.#awaitingAck?.timer.dispose();
    this.#awaitingAck = null;
  }

  /**
   * Plugged back in: a power cycle. Settings return to their defaults (notably
   * +CNMI=0,0,0,0,0, which silently stops new-SMS notices for a driver that does
   * not re-initialise), the PIN is asked again, and the ports may get new names.
   */
  replug(newBase?: string): void {
    this.state = this.#powerOnState();
    this.stores.ME = new MessageStore('ME', this.profile.capacity.ME); // phone memory of a stick is volatile here
    this.routeNotices('profile');
    this.profile.ports.forEach((spec, i) => {
      const port = this.ports[i]!;
      port.reappear(newBase ? `${newBase}${spec.name}` : port.name);
      this.sessionOf(port).reset(this.profile.echo);
    });
    this.#startNoise();
    if (this.profile.boot.length) this.urc(this.profile.boot);
  }

  /** The modem stops answering (firmware hang) until it is power-cycled. */
  hang(): void {
    this.state.hung = true;
  }

  removeSim(): void {
    this.state.sim = 'absent';
  }

  insertSim(): void {
    this.state.sim = this.subscriber.pin ? 'pin' : 'ready';
  }

  /** Stray bytes on the line, as a loose cable or a chatty firmware produces. */
  injectNoise(bytes: Uint8Array): void {
    for (const p of this.ports) if (p.isPresent) p.send(bytes);
  }

  /** Cuts the next reply on every port after `bytes` bytes. */
  truncateNextReply(bytes: number): void {
    for (const p of this.ports) p.truncateNextAfter = bytes;
  }

  /** Where notices go: the profile's notice ports, or only the first port (Huawei ^PORTSEL=0). */
  routeNotices(to: 'profile' | 'first-port'): void {
    this.profile.ports.forEach((spec, i) => {
      this.ports[i]!.urcs = to === 'profile' ? spec.urcs : i === 0;
    });
  }

  /** Huawei ^CURC=0: no more periodic status lines until the next power cycle. */
  silenceNoise(): void {
    this.#noise?.dispose();
    this.#noise = null;
    this.#pendingNoise = [];
  }

  #startNoise(): void {
    this.#noise?.dispose();
    const noise = this.profile.noise;
    if (!noise) return;
    let i = 0;
    const tick = (): void => {
      const line = noise.lines[i++ % noise.lines.length]!.replace('{signal}', String(this.state.signal));
      const busy = this.ports.some((p) => p.urcs && this.sessionOf(p).busy);
      if (busy && noise.insideResponses) this.#pendingNoise.push(line);
      else this.urc([line]);
      this.#noise = this.scheduler.schedule(noise.everyMs, tick);
    };
    this.#noise = this.scheduler.schedule(noise.everyMs, tick);
  }

  /** Stops timers; the modem is gone for good. */
  dispose(): void {
    this.unplug();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
