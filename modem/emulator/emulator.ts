/**
 * One emulated world: a network, its virtual modems and their ports. The
 * CLI (`smsdesk emulator`), demo mode, tests and benchmarks all start here.
 */
import type { BindingInterface } from '@serialport/bindings-interface';
import { createVirtualBinding } from './binding';
import { Handset } from './handset';
import { VirtualNetwork, type NetworkOptions } from './network';
import type { VirtualPort } from './port';
import { PROFILES, type ModemProfile, type ProfileId } from './profiles';
import { realScheduler, type Scheduler } from './scheduler';
import { VirtualModem, type Subscriber } from './virtual-modem';

export interface ModemSpec {
  /** A profile by id, or a profile object (tests make variants of one). */
  profile?: ProfileId | ModemProfile;
  msisdn?: string;
  pin?: string | null;
}

export interface EmulatorOptions {
  modems: readonly ModemSpec[];
  /** 'realistic': seconds of latency and about 8 SMS a minute; 'unlimited': as fast as it goes. */
  timing?: 'realistic' | 'unlimited';
  scheduler?: Scheduler;
  /** Base of port names; modem i's ports are `${portBase}${i}.${suffix}`. */
  portBase?: string;
  network?: Omit<NetworkOptions, 'scheduler'>;
  /** Built-in USSD services (*100# balance, *123# menu); on unless false. */
  services?: boolean;
  /** Numbers of scripted handsets to put on the network. */
  handsets?: readonly string[];
}

/** USSD services every emulated network offers, so balance checks and menus can be tried. */
export function installDemoServices(network: VirtualNetwork): void {
  network.ussdService('*100#', (s) => s.answer('Your balance is 12.34 EUR, valid until 31.12.2026.'));
  network.ussdService('*123#', (s) =>
    s.ask('1 Balance\n2 Data bundles\n0 Exit', (s2, choice) => {
      if (choice === '1') return s2.answer('Your balance is 12.34 EUR.');
      if (choice === '2')
        return s2.ask('1 1 GB for 5 EUR\n2 5 GB for 15 EUR', (s3, pick) =>
          s3.answer(pick === '1' || pick === '2' ? 'Bundle booked.' : 'Unknown choice.'),
        );
      return s2.answer('Goodbye.');
    }),
  );
}

const REALISTIC: Omit<NetworkOptions, 'scheduler'> = {
  submitLatencyMs: 2_000,
  deliveryDelayMs: 3_000,
  reportDelayMs: 2_000,
  submitsPerMinute: 8,
};

export class Emulator {
  readonly network: VirtualNetwork;
  readonly modems: VirtualModem[];
  readonly handsets: Handset[] = [];
  readonly scheduler: Scheduler;

  constructor(options: EmulatorOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    const timing = options.timing === 'realistic' ? REALISTIC : {};
    this.network = new VirtualNetwork({ scheduler: this.scheduler, ...timing, ...options.network });
    this.modems = options.modems.map((spec, i) => {
      const subscriber: Subscriber = {
        msisdn: spec.msisdn ?? `+4915550000${String(i + 1).padStart(2, '0')}`,
        imsi: `0010100000${String(i + 1).padStart(5, '0')}`,
        iccid: `89010100000000${String(i + 1).padStart(6, '0')}`,
        imei: `35693803${String(i + 1).padStart(6, '0')}${luhnDigit(`35693803${String(i + 1).padStart(6, '0')}`)}`,
        pin: spec.pin ?? null,
        puk: '12345678',
      };
      const modem = new VirtualModem({
        profile: typeof spec.profile === 'object' ? spec.profile : PROFILES[spec.profile ?? 'generic'],
        subscriber,
        network: this.network,
        scheduler: this.scheduler,
        portBase: `${options.portBase ?? 'emu'}${i}.`,
      });
      this.network.attach(modem);
      return modem;
    });
    if (options.services !== false) installDemoServices(this.network);
    for (const msisdn of options.handsets ?? []) this.addHandset(msisdn);
  }

  /** A scripted phone with this number on the network. */
  addHandset(msisdn: string): Handset {
    const handset = new Handset(this.network, msisdn);
    this.network.attach(handset);
    this.handsets.push(handset);
    return handset;
  }

  ports(): VirtualPort[] {
    return this.modems.flatMap((m) => m.ports);
  }

  /** A serialport binding over every port of every modem. */
  binding(): BindingInterface {
    return createVirtualBinding({ ports: () => this.ports() });
  }

  dispose(): void {
    for (const m of this.modems) m.dispose();
    this.network.dispose();
  }
}

/** The Luhn check digit that completes an IMEI (3GPP TS 23.003 §6.2.1). */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
