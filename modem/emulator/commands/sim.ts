/** SIM identity and PIN (TS 27.007 §5.6, §8.3). */
import { cme, OK } from '../results';
import { strArg } from './args';
import { done, type CommandTable } from './types';

export const simCommands: CommandTable = {
  '+CPIN': {
    read: ({ modem }) => {
      switch (modem.state.sim) {
        case 'ready':
          return done(['+CPIN: READY'], OK);
        case 'pin':
          return done(['+CPIN: SIM PIN'], OK);
        case 'puk':
          return done(['+CPIN: SIM PUK'], OK);
        case 'blocked':
          return done([], cme(13));
        case 'absent':
          return done([], cme(10));
      }
    },
    set: ({ modem, cmd }) => {
      const st = modem.state;
      const first = strArg(cmd.args, 0);
      const second = strArg(cmd.args, 1);
      if (st.sim === 'absent') return done([], cme(10));
      if (st.sim === 'blocked') return done([], cme(13));
      if (st.sim === 'ready') return done([], cme(3));
      if (!first) return done([], cme(50));
      if (st.sim === 'pin') {
        if (first === modem.subscriber.pin) {
          st.sim = 'ready';
          st.pinTries = 3;
          return done([], OK);
        }
        st.pinTries--;
        // TS 31.102: three wrong PINs block the PIN; the PUK must unblock it.
        if (st.pinTries <= 0) st.sim = 'puk';
        return done([], cme(16));
      }
      // SIM PUK: AT+CPIN="<puk>","<new pin>"
      if (first === modem.subscriber.puk && second && /^\d{4,8}$/.test(second)) {
        modem.subscriber.pin = second;
        st.sim = 'ready';
        st.pinTries = 3;
        st.pukTries = 10;
        return done([], OK);
      }
      st.pukTries--;
      if (st.pukTries <= 0) st.sim = 'blocked';
      return done([], cme(16));
    },
    test: () => done([], OK),
  },
  '+CIMI': { exec: ({ modem }) => done([modem.subscriber.imsi], OK), test: () => done([], OK), needsSim: 'cme' },
  '+CCID': {
    exec: ({ modem }) => done([`+CCID: ${modem.subscriber.iccid}`], OK),
    read: ({ modem }) => done([`+CCID: ${modem.subscriber.iccid}`], OK),
    test: () => done([], OK),
    needsSim: 'cme',
  },
  '+CNUM': {
    exec: ({ modem }) => {
      const n = modem.subscriber.msisdn;
      return done([`+CNUM: "","${n}",${n.startsWith('+') ? 145 : 129}`], OK);
    },
    test: () => done([], OK),
    needsSim: 'cme',
  },
};
