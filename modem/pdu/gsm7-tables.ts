import { tableFromPairs, tableFromString, type SeptetTable } from './national/types';

/**
 * GSM 7-bit default alphabet, TS 23.038 §6.2.1 (septet order). 0x1B is the escape to the
 * extension table; it decodes specially and is never produced from text.
 */
export const DEFAULT_ALPHABET: SeptetTable = tableFromString(
  '@£$¥èéùìòÇ\nØø\rÅå' +
    'Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ' +
    ' !"#¤%&\'()*+,-./' +
    '0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNO' +
    'PQRSTUVWXYZÄÖÑÜ§' +
    '¿abcdefghijklmno' +
    'pqrstuvwxyzäöñüà',
);

/** Default extension table, TS 23.038 §6.2.1.1 (reached by ESC = 0x1B). */
export const DEFAULT_EXTENSION: SeptetTable = tableFromPairs([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);
