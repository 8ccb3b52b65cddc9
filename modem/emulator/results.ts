/**
 * Final result codes as a virtual modem writes them. Verbose texts are the
 * ones TS 27.007 §9.2 and TS 27.005 §3.2.5 give, which is what real modems
 * print after AT+CMEE=2.
 */

export type Final =
  | { kind: 'ok' }
  | { kind: 'error' }
  | { kind: 'cme'; code: number }
  | { kind: 'cms'; code: number }
  /** Huawei's own final result for a command it does not know. */
  | { kind: 'unsupported' }
  | { kind: 'no-carrier' };

export const OK: Final = { kind: 'ok' };
export const ERROR: Final = { kind: 'error' };
export const cme = (code: number): Final => ({ kind: 'cme', code });
export const cms = (code: number): Final => ({ kind: 'cms', code });

const CME_TEXT: Record<number, string> = {
  0: 'phone failure',
  3: 'operation not allowed',
  4: 'operation not supported',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  13: 'SIM failure',
  14: 'SIM busy',
  16: 'incorrect password',
  20: 'memory full',
  21: 'invalid index',
  22: 'not found',
  30: 'no network service',
  31: 'network timeout',
  50: 'incorrect parameters',
  100: 'unknown',
};

const CMS_TEXT: Record<number, string> = {
  300: 'ME failure',
  301: 'SMS service of ME reserved',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  305: 'invalid text mode parameter',
  310: 'SIM not inserted',
  311: 'SIM PIN required',
  312: 'PH-SIM PIN required',
  313: 'SIM failure',
  314: 'SIM busy',
  316: 'SIM PUK required',
  320: 'memory failure',
  321: 'invalid memory index',
  322: 'memory full',
  330: 'SMSC address unknown',
  331: 'no network service',
  332: 'network timeout',
  340: 'no +CNMA acknowledgement expected',
  500: 'unknown error',
};

/** The text of a final result under the port's +CMEE setting (0 plain, 1 numeric, 2 verbose). */
export function finalText(final: Final, cmee: 0 | 1 | 2): string {
  switch (final.kind) {
    case 'ok':
      return 'OK';
    case 'error':
      return 'ERROR';
    case 'unsupported':
      return 'COMMAND NOT SUPPORT';
    case 'no-carrier':
      return 'NO CARRIER';
    case 'cme':
      if (cmee === 0) return 'ERROR';
      return `+CME ERROR: ${cmee === 2 ? (CME_TEXT[final.code] ?? String(final.code)) : final.code}`;
    case 'cms':
      // TS 27.005 §3.2.5: +CMS ERROR is the final result of SMS commands whatever +CMEE says;
      // +CMEE only chooses numeric or verbose.
      return `+CMS ERROR: ${cmee === 2 ? (CMS_TEXT[final.code] ?? String(final.code)) : final.code}`;
  }
}
