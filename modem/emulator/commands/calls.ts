/** Calls, caller ID and USSD (TS 27.007 §6.6, §7.6, §7.15). */
import { cme, OK } from '../results';
import { unpackUssdHex } from '../../pdu';
import { intArg, strArg } from './args';
import { done, type CommandEnv, type CommandResult, type CommandTable } from './types';

/** ATH and AT+CHUP: reject a ringing call or end one (the log says so for tests and the control API). */
function hangUp({ modem }: CommandEnv): CommandResult {
  const call = modem.state.call;
  if (call) {
    call.ringing?.dispose();
    modem.state.call = null;
    modem.log.push(`call from ${call.number} rejected`);
  }
  return done([], OK);
}

export const callCommands: CommandTable = {
  '+CLIP': {
    set: ({ modem, cmd }) => {
      const n = intArg(cmd.args, 0, 0);
      if (n !== 0 && n !== 1) return done([], cme(50));
      modem.state.clip = n;
      return done([], OK);
    },
    read: ({ modem }) => done([`+CLIP: ${modem.state.clip},1`], OK),
    test: () => done(['+CLIP: (0,1)'], OK),
  },
  A: {
    exec: ({ modem }) => {
      const call = modem.state.call;
      if (!call) return done([], { kind: 'no-carrier' });
      call.answered = true;
      call.ringing?.dispose();
      return done([], OK);
    },
  },
  H: { exec: hangUp },
  '+CHUP': { exec: hangUp, test: () => done([], OK) },
  // Voice calls are not emulated: dialling ends at once.
  D: { exec: () => done([], { kind: 'no-carrier' }) },
  '+CUSD': {
    set: ({ modem, cmd }) => {
      const n = intArg(cmd.args, 0, 0);
      if (!(n >= 0 && n <= 2)) return done([], cme(50));
      if (n === 2) {
        modem.state.cusd = 0;
        modem.network.ussdCancel(modem.subscriber.msisdn);
        return done([], OK);
      }
      modem.state.cusd = 1;
      const raw = strArg(cmd.args, 1);
      if (raw === undefined) return done([], OK);
      const refusal = modem.sendRefusal();
      if (refusal) return done([], cme(30));
      const text = modem.profile.ussd === 'hex' ? unpackUssdHex(raw) : raw;
      if (text === null) return done([], cme(50));
      modem.network.ussd(modem.subscriber.msisdn, text);
      return done([], OK);
    },
    read: ({ modem }) => done([`+CUSD: ${modem.state.cusd}`], OK),
    test: () => done(['+CUSD: (0-2)'], OK),
    needsSim: 'cme',
  },
};
