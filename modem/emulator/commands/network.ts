/** Signal, registration and operator (TS 27.007 §7.2, §7.3, §8.5, §10.1.19). */
import { cme, OK } from '../results';
import type { VirtualModem } from '../virtual-modem';
import { intArg } from './args';
import { done, type CommandSpec, type CommandTable } from './types';

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

function registration(name: '+CREG' | '+CGREG' | '+CEREG', key: 'creg' | 'cgreg' | 'cereg'): CommandSpec {
  return {
    set: ({ modem, cmd }) => {
      const n = intArg(cmd.args, 0, 0);
      if (n !== 0 && n !== 1 && n !== 2) return done([], cme(50));
      modem.state[key] = n;
      return done([], OK);
    },
    read: ({ modem }) => {
      const { stat, lac, ci } = modem.state.registration;
      const n = modem.state[key];
      return done([n === 2 ? `${name}: 2,${stat},"${hex4(lac)}","${hex4(ci)}"` : `${name}: ${n},${stat}`], OK);
    },
    test: () => done([`${name}: (0-2)`], OK),
  };
}

function operatorLine(modem: VirtualModem): string {
  const { stat } = modem.state.registration;
  if (stat !== 1 && stat !== 5) return '+COPS: 0';
  return `+COPS: 0,0,"${modem.network.operatorName}",2`;
}

export const networkCommands: CommandTable = {
  '+CSQ': {
    exec: ({ modem }) => {
      const rssi = modem.state.cfun === 1 && modem.state.registration.stat !== 0 ? modem.state.signal : 99;
      return done([`+CSQ: ${rssi},99`], OK);
    },
    test: () => done(['+CSQ: (0-31,99),(0-7,99)'], OK),
  },
  '+CREG': registration('+CREG', 'creg'),
  '+CGREG': registration('+CGREG', 'cgreg'),
  '+CEREG': registration('+CEREG', 'cereg'),
  '+COPS': {
    read: ({ modem }) => done([operatorLine(modem)], OK),
    set: ({ cmd }) => {
      const mode = intArg(cmd.args, 0, 0);
      return done([], mode === 0 || mode === 3 ? OK : cme(3));
    },
    test: ({ modem }) => done([`+COPS: (2,"${modem.network.operatorName}","VNet","${modem.network.operatorNumeric}",2),,(0-4),(0-2)`], OK),
    needsSim: 'cme',
  },
};
