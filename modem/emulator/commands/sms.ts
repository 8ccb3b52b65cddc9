/** SMS commands of TS 27.005 §3 in PDU mode (text mode: +CMGF=1 accepted, listing only). */
import { decodePdu, PduDecodeError, type DecodedPdu } from '../../pdu';
import { splitSmsc } from '../hex';
import { cms, ERROR, OK } from '../results';
import type { MessageStat, MessageStore, StoreName } from '../storage';
import type { VirtualModem } from '../virtual-modem';
import { argCount, intArg, range, strArg } from './args';
import { done, type CommandResult, type CommandTable } from './types';

function cpmsUsage(modem: VirtualModem, names: readonly StoreName[]): string {
  return names
    .map((n) => {
      const s = modem.store(n);
      return `${s?.used ?? 0},${s?.capacity ?? 0}`;
    })
    .join(',');
}

const STAT_NAMES = ['REC UNREAD', 'REC READ', 'STO UNSENT', 'STO SENT'] as const;

/** TS 27.005 §3.3 <scts> in text mode: "yy/MM/dd,hh:mm:ss±zz" (zz in quarter hours). */
function textTime(iso: string | null, offsetMinutes: number): string {
  if (!iso) return '';
  const [date, time] = iso.slice(2, 19).split('T') as [string, string];
  const q = Math.round(offsetMinutes / 15);
  return `${date.replace(/-/g, '/')},${time}${q < 0 ? '-' : '+'}${String(Math.abs(q)).padStart(2, '0')}`;
}

/** A stored message in text mode (TS 27.005 §3.4.3): header fields, then the text. */
function textEntry(header: string, stat: number, decoded: DecodedPdu): string[] {
  const statName = STAT_NAMES[stat] ?? 'REC READ';
  switch (decoded.type) {
    case 'deliver':
      return [
        `${header}"${statName}","${decoded.address.text}",,"${textTime(decoded.timestamp.iso, decoded.timestamp.offsetMinutes)}"`,
        decoded.userData.text ?? '',
      ];
    case 'submit':
      return [`${header}"${statName}","${decoded.address.text}",`, decoded.userData.text ?? ''];
    case 'status-report':
      return [
        `${header}"${statName}",6,${decoded.messageReference},"${decoded.address.text}",,"${textTime(decoded.serviceCentreTime.iso, decoded.serviceCentreTime.offsetMinutes)}","${textTime(decoded.dischargeTime.iso, decoded.dischargeTime.offsetMinutes)}",${decoded.status}`,
      ];
  }
}

/** One +CMGL / +CMGR entry: PDU mode shows header and PDU, text mode the decoded fields and text. */
function entry(modem: VirtualModem, header: string, store: MessageStore, index: number): string[] {
  const m = store.get(index)!;
  let lines = [`${header}${m.stat},${modem.alpha()},${m.tpduLength}`, modem.pduForDisplay(m.pdu)];
  if (modem.state.cmgf === 1) {
    try {
      lines = textEntry(header, m.stat, decodePdu(m.pdu, { tpduLength: m.tpduLength }));
    } catch (err) {
      if (!(err instanceof PduDecodeError)) throw err;
      // Text mode cannot show what does not decode; real modems print the header only.
      lines = [`${header}"${STAT_NAMES[m.stat]}"`];
    }
  }
  // TS 27.005 §3.4.3: reading a received unread message marks it read.
  if (m.stat === 0) store.setStat(index, 1);
  return lines;
}

const STAT_WORDS: Record<string, MessageStat | 4> = { 'REC UNREAD': 0, 'REC READ': 1, 'STO UNSENT': 2, 'STO SENT': 3, ALL: 4 };

function listStat(modem: VirtualModem, args: string): MessageStat | 4 | null {
  if (modem.state.cmgf === 1) {
    const word = (strArg(args, 0) ?? 'REC UNREAD').toUpperCase();
    return STAT_WORDS[word] ?? null;
  }
  const n = intArg(args, 0, 0);
  return n >= 0 && n <= 4 ? (n as MessageStat | 4) : null;
}

function sendFromStorage(modem: VirtualModem, index: number): CommandResult {
  const store = modem.store(modem.state.mem[1]);
  const m = store?.get(index);
  if (!store || !m) return done([], cms(321));
  const split = splitSmsc(m.pdu);
  if (!split) return done([], cms(304));
  return {
    later: (respond) =>
      modem.submitTpdu(
        split.tpdu,
        (lines, final) => {
          if (final.kind === 'ok') store.setStat(index, 3);
          respond(lines, final);
        },
        '+CMSS',
      ),
  };
}

export const smsCommands: CommandTable = {
  '+CMGF': {
    set: ({ modem, cmd }) => {
      const mode = intArg(cmd.args, 0, 0);
      if (mode !== 0 && mode !== 1) return done([], ERROR);
      modem.state.cmgf = mode;
      return done([], OK);
    },
    read: ({ modem }) => done([`+CMGF: ${modem.state.cmgf}`], OK),
    test: () => done(['+CMGF: (0,1)'], OK),
  },
  '+CSMS': {
    set: ({ modem, cmd }) => {
      const service = intArg(cmd.args, 0);
      if (service !== 0 && service !== 1) return done([], cms(303));
      modem.state.csms = service;
      return done(['+CSMS: 1,1,1'], OK);
    },
    read: ({ modem }) => done([`+CSMS: ${modem.state.csms},1,1,1`], OK),
    test: () => done(['+CSMS: (0,1)'], OK),
    needsSim: 'cms',
  },
  '+CPMS': {
    test: ({ modem }) => {
      const list = (names: readonly StoreName[]): string => `(${names.map((n) => `"${n}"`).join(',')})`;
      const [a, b, c] = modem.profile.cpmsChoices;
      return done([`+CPMS: ${list(a)},${list(b)},${list(c)}`], OK);
    },
    read: ({ modem }) => {
      const parts = modem.state.mem.map((n) => `"${n}",${cpmsUsage(modem, [n])}`);
      return done([`+CPMS: ${parts.join(',')}`], OK);
    },
    set: ({ modem, cmd }) => {
      const n = argCount(cmd.args);
      const chosen: StoreName[] = [];
      for (let i = 0; i < Math.min(n, 3); i++) {
        const name = (strArg(cmd.args, i) ?? '').toUpperCase();
        if (!modem.profile.cpmsChoices[i]!.includes(name as StoreName) || !modem.storeAvailable(name)) return done([], cms(302));
        chosen.push(name);
      }
      chosen.forEach((name, i) => (modem.state.mem[i] = name));
      return done([`+CPMS: ${cpmsUsage(modem, modem.state.mem)}`], OK);
    },
    needsSim: 'cms',
  },
  '+CNMI': {
    test: ({ modem }) => {
      const c = modem.profile.cnmi;
      return done([`+CNMI: ${range(c.mode)},${range(c.mt)},${range(c.bm)},${range(c.ds)},${range(c.bfr)}`], OK);
    },
    read: ({ modem }) => done([`+CNMI: ${modem.state.cnmi.join(',')}`], OK),
    set: ({ modem, cmd }) => {
      const c = modem.profile.cnmi;
      const allowed = [c.mode, c.mt, c.bm, c.ds, c.bfr];
      const next = [...modem.state.cnmi] as typeof modem.state.cnmi;
      for (let i = 0; i < 5; i++) {
        const v = intArg(cmd.args, i, -1);
        if (v === -1) continue;
        if (Number.isNaN(v) || !allowed[i]!.includes(v)) return done([], cms(303));
        next[i] = v;
      }
      modem.state.cnmi = next;
      return done([], OK);
    },
    needsSim: 'cms',
  },
  '+CNMA': {
    exec: ({ modem }) => {
      // TS 27.005 §3.4.4: only valid when +CSMS=1 and a message waits for it.
      if (modem.state.csms !== 1 || !modem.acknowledge()) return done([], cms(340));
      return done([], OK);
    },
    set: ({ modem }) => {
      if (modem.state.csms !== 1 || !modem.acknowledge()) return done([], cms(340));
      return done([], OK);
    },
    test: () => done(['+CNMA: (0-2)'], OK),
  },
  '+CSCA': {
    read: ({ modem }) => {
      const n = modem.state.smsc;
      return done([n ? `+CSCA: "${n}",${n.startsWith('+') ? 145 : 129}` : '+CSCA: "",129'], OK);
    },
    set: ({ modem, cmd }) => {
      const n = strArg(cmd.args, 0);
      if (n === undefined || !/^\+?\d{1,20}$/.test(n)) return done([], cms(304));
      modem.state.smsc = n;
      return done([], OK);
    },
    test: () => done([], OK),
    needsSim: 'cms',
  },
  '+CSMP': { set: () => done([], OK), read: () => done(['+CSMP: 17,167,0,0'], OK), test: () => done([], OK) },
  '+CSDH': { set: () => done([], OK), read: () => done(['+CSDH: 0'], OK), test: () => done(['+CSDH: (0,1)'], OK) },
  '+CMGS': {
    set: ({ modem, cmd }) => {
      if (modem.state.cmgf === 1) {
        // Text mode: AT+CMGS="<da>"[,<toda>], then the text, then Ctrl-Z.
        const to = strArg(cmd.args, 0);
        if (!to || !/^\+?[0-9*#]{1,20}$/.test(to)) return done([], cms(305));
        const refusal = modem.sendRefusal();
        if (refusal) return done([], refusal);
        return { prompt: { kind: 'cmgs-text', length: 0, stat: 2, to } };
      }
      const length = intArg(cmd.args, 0);
      if (!Number.isInteger(length) || length < 7 || length > 164) return done([], cms(304));
      const refusal = modem.sendRefusal();
      if (refusal) return done([], refusal);
      return { prompt: { kind: 'cmgs', length, stat: 2 } };
    },
    test: () => done([], OK),
    needsSim: 'cms',
  },
  '+CMGW': {
    set: ({ modem, cmd }) => {
      if (modem.state.cmgf === 1) return done([], cms(302));
      const length = intArg(cmd.args, 0);
      const stat = intArg(cmd.args, 1, 2);
      if (!Number.isInteger(length) || length < 7 || length > 164 || !(stat >= 0 && stat <= 3)) return done([], cms(304));
      const store = modem.store(modem.state.mem[1]);
      if (!store) return done([], cms(302));
      if (store.isFull) return done([], cms(322));
      return { prompt: { kind: 'cmgw', length, stat: stat as MessageStat } };
    },
    test: () => done([], OK),
    needsSim: 'cms',
  },
  '+CMSS': {
    set: ({ modem, cmd }) => {
      const index = intArg(cmd.args, 0);
      if (!Number.isInteger(index)) return done([], cms(321));
      return sendFromStorage(modem, index);
    },
    test: () => done([], OK),
    needsSim: 'cms',
  },
  '+CMGL': {
    set: ({ modem, cmd }) => {
      const stat = listStat(modem, cmd.args);
      if (stat === null) return done([], cms(304));
      const store = modem.store(modem.state.mem[0]);
      if (!store) return done([], cms(302));
      const lines: string[] = [];
      for (const [index, m] of store.entries()) {
        if (stat !== 4 && m.stat !== stat) continue;
        lines.push(...entry(modem, `+CMGL: ${index},`, store, index));
      }
      return done(lines, OK);
    },
    exec: ({ modem }) => {
      // No <stat>: "REC UNREAD" in both modes.
      const store = modem.store(modem.state.mem[0]);
      if (!store) return done([], cms(302));
      const lines: string[] = [];
      for (const [index, m] of store.entries()) if (m.stat === 0) lines.push(...entry(modem, `+CMGL: ${index},`, store, index));
      return done(lines, OK);
    },
    test: ({ modem }) =>
      done([modem.state.cmgf === 1 ? '+CMGL: ("REC UNREAD","REC READ","STO UNSENT","STO SENT","ALL")' : '+CMGL: (0-4)'], OK),
    needsSim: 'cms',
  },
  '+CMGR': {
    set: ({ modem, cmd }) => {
      const index = intArg(cmd.args, 0);
      const store = modem.store(modem.state.mem[0]);
      if (!store || !store.inRange(index)) return done([], cms(321));
      // An empty slot: OK with no data (what most modems answer; some say +CMS ERROR: 321).
      if (!store.has(index)) return done([], OK);
      return done(entry(modem, '+CMGR: ', store, index), OK);
    },
    test: () => done([], OK),
    needsSim: 'cms',
  },
  '+CMGD': {
    set: ({ modem, cmd }) => {
      const index = intArg(cmd.args, 0);
      const flag = intArg(cmd.args, 1, 0);
      const store = modem.store(modem.state.mem[0]);
      if (!store) return done([], cms(302));
      if (!(flag >= 0 && flag <= 4)) return done([], cms(304));
      const wasFull = store.isFull;
      if (flag === 0) {
        if (!store.inRange(index)) return done([], cms(321));
        store.delete(index);
      } else store.deleteByFlag(flag as 1 | 2 | 3 | 4);
      if (wasFull && !store.isFull) modem.spaceFreed();
      return done([], OK);
    },
    test: ({ modem }) => {
      const store = modem.store(modem.state.mem[0]);
      const used = store ? store.entries().map(([i]) => i) : [];
      return done([`+CMGD: (${used.join(',')}),(0-4)`], OK);
    },
    needsSim: 'cms',
  },
};
