/**
 * Huawei's own commands, answered only by modems whose profile says
 * `vendorCommands: 'huawei'` (a per-vendor table, not checks in the core).
 */
import { cme, OK } from '../results';
import { intArg } from './args';
import { done, type CommandTable } from './types';

export const huaweiCommands: CommandTable = {
  // ^CURC=0 silences the periodic ^RSSI/^MODE/^BOOT lines until the next power cycle.
  '^CURC': {
    set: ({ modem, cmd }) => {
      if (intArg(cmd.args, 0) === 0) modem.silenceNoise();
      return done([], OK);
    },
    read: () => done(['^CURC: 1'], OK),
  },
  // ^PORTSEL=<n>: notices go to the modem port (0) or the PC UI port (1); gammu sends ^PORTSEL=1.
  '^PORTSEL': {
    set: ({ modem, cmd }) => {
      const n = intArg(cmd.args, 0);
      if (n !== 0 && n !== 1) return done([], cme(50));
      modem.routeNotices(n === 0 ? 'first-port' : 'profile');
      return done([], OK);
    },
    read: ({ modem }) => done([`^PORTSEL: ${modem.ports[0]!.urcs && modem.ports.length > 1 ? 0 : 1}`], OK),
    test: () => done(['^PORTSEL: (0-1)'], OK),
  },
  // Remaining PIN/PUK tries, which drivers read to warn before the last one.
  '^CPIN': {
    read: ({ modem }) => {
      const code = modem.state.sim === 'ready' ? 'READY' : modem.state.sim === 'pin' ? 'SIM PIN' : 'SIM PUK';
      return done([`^CPIN: ${code},,${modem.state.pukTries},${modem.state.pinTries},10,3`], OK);
    },
  },
  '^ICCID': { read: ({ modem }) => done([`^ICCID: ${modem.subscriber.iccid}`], OK), needsSim: 'cme' },
};
