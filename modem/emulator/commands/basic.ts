/** V.250 basics and identification (TS 27.007 §5). */
import { cme, ERROR, OK } from '../results';
import { intArg } from './args';
import { done, type CommandSpec, type CommandTable } from './types';
import type { VirtualModem } from '../virtual-modem';

const ident = (pick: (m: VirtualModem) => string): CommandSpec => ({
  exec: ({ modem }) => done([pick(modem)], OK),
  test: () => done([], OK),
});

export const basicCommands: CommandTable = {
  E: {
    exec: ({ modem, session, cmd }) => {
      const on = cmd.args === '' ? 0 : Number(cmd.args);
      if (on !== 0 && on !== 1) return done([], ERROR);
      if (on === 1 && !modem.profile.echo) return done([], ERROR);
      session.echo = on === 1;
      return done([], OK);
    },
  },
  V: { exec: ({ cmd }) => done([], cmd.args === '0' ? ERROR : OK) }, // numeric result codes are not offered
  Q: { exec: () => done([], OK) },
  X: { exec: () => done([], OK) },
  L: { exec: () => done([], OK) },
  M: { exec: () => done([], OK) },
  S0: { set: () => done([], OK), read: () => done(['000'], OK) },
  '&C': { exec: () => done([], OK) },
  '&D': { exec: () => done([], OK) },
  '&W': { exec: () => done([], OK) },
  Z: {
    exec: ({ modem, session }) => {
      // ATZ restores the stored profile: echo on, verbose codes, +CMEE off.
      session.echo = modem.profile.echo;
      modem.state.cmee = 0;
      return done([], OK);
    },
  },
  '&F': {
    exec: ({ modem, session }) => {
      session.echo = modem.profile.echo;
      modem.state.cmee = 0;
      modem.state.cmgf = 0;
      modem.state.cnmi = [0, 0, 0, 0, 0];
      return done([], OK);
    },
  },
  I: {
    exec: ({ modem }) =>
      done(
        modem.profile.ati.map((l) => l.replace('{imei}', modem.subscriber.imei)),
        OK,
      ),
  },
  '+CGMI': ident((m) => m.profile.manufacturer),
  '+GMI': ident((m) => m.profile.manufacturer),
  '+CGMM': ident((m) => m.profile.model),
  '+GMM': ident((m) => m.profile.model),
  '+CGMR': ident((m) => m.profile.revision),
  '+GMR': ident((m) => m.profile.revision),
  '+CGSN': ident((m) => m.subscriber.imei),
  '+GSN': ident((m) => m.subscriber.imei),
  '+CMEE': {
    set: ({ modem, cmd }) => {
      const n = intArg(cmd.args, 0, 0);
      if (n !== 0 && n !== 1 && n !== 2) return done([], ERROR);
      modem.state.cmee = n;
      return done([], OK);
    },
    read: ({ modem }) => done([`+CMEE: ${modem.state.cmee}`], OK),
    test: () => done(['+CMEE: (0-2)'], OK),
  },
  '+CSCS': {
    set: ({ modem, cmd }) => {
      const cs = cmd.args.replace(/"/g, '').toUpperCase();
      if (!['GSM', 'IRA', 'UCS2', 'HEX', '8859-1', 'PCCP437'].includes(cs)) return done([], cme(4));
      modem.state.cscs = cs;
      return done([], OK);
    },
    read: ({ modem }) => done([`+CSCS: "${modem.state.cscs}"`], OK),
    test: () => done(['+CSCS: ("GSM","IRA","UCS2","HEX","8859-1","PCCP437")'], OK),
  },
  '+CFUN': {
    set: ({ modem, cmd }) => {
      const fun = intArg(cmd.args, 0);
      const reset = intArg(cmd.args, 1, 0);
      if (fun !== 0 && fun !== 1 && fun !== 4) return done([], cme(50));
      if (reset === 1) {
        // AT+CFUN=1,1 restarts the modem: the answer comes, then the ports drop and return.
        modem.scheduler.schedule(50, () => {
          modem.unplug();
          modem.scheduler.schedule(2_000, () => modem.replug());
        });
        return done([], OK);
      }
      modem.state.cfun = fun;
      return done([], OK);
    },
    read: ({ modem }) => done([`+CFUN: ${modem.state.cfun}`], OK),
    test: () => done(['+CFUN: (0,1,4),(0-1)'], OK),
  },
};
