/**
 * Seeded message corpus for the differential test, the fuzz script and the benchmark.
 * Deterministic: the same seed gives the same messages on every machine.
 */

/** mulberry32: small, fast, good enough to spread test inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      .,;:!?\'"-+*/=()<>#%&';
const GSM_SPECIAL = '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà\n\r';
const GSM_EXTENSION = '^{}\\[~]|€';
const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const GREEK = 'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ';
const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،؟';
const CJK = '你好世界中文短信测试日本語のテキスト한국어메시지';
const TURKISH = 'şŞğĞıİçÇöÖüÜ';
const PORTUGUESE = 'ãõÃÕâêôÂÊÔáíóúÁÍÓÚçÇ';
const EMOJI = [
  '😀',
  '👍',
  '❤️',
  '🎉',
  '👍🏽', // skin tone modifier
  '👨‍👩‍👧‍👦', // ZWJ family
  '🏳️‍🌈', // ZWJ flag
  '🇩🇪', // regional indicator flag
  '🇯🇵',
  '🧑‍💻',
  '✈️',
];

export type Script = 'gsm' | 'gsm-ext' | 'cyrillic' | 'greek' | 'arabic' | 'cjk' | 'emoji' | 'turkish' | 'portuguese' | 'mixed';
export const SCRIPTS: readonly Script[] = [
  'gsm',
  'gsm-ext',
  'cyrillic',
  'greek',
  'arabic',
  'cjk',
  'emoji',
  'turkish',
  'portuguese',
  'mixed',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function chars(s: string): string[] {
  return [...s];
}

const POOLS: Record<Exclude<Script, 'mixed'>, string[]> = {
  gsm: chars(LATIN + GSM_SPECIAL),
  'gsm-ext': chars(LATIN + LATIN + GSM_EXTENSION),
  cyrillic: chars(CYRILLIC + '  .,!?'),
  greek: chars(GREEK + LATIN),
  arabic: chars(ARABIC),
  cjk: chars(CJK),
  emoji: [...EMOJI, ...chars(LATIN)],
  turkish: chars(LATIN + TURKISH),
  portuguese: chars(LATIN + PORTUGUESE),
};

/** Lengths 0..2000 characters, mostly short like real traffic, with the part boundaries well covered. */
function length(r: () => number): number {
  const x = r();
  if (x < 0.05) return 0;
  if (x < 0.45) return 1 + Math.floor(r() * 160);
  if (x < 0.65) return 60 + Math.floor(r() * 110); // around the 67/70/153/160 boundaries
  if (x < 0.9) return 150 + Math.floor(r() * 450);
  return Math.floor(r() * 2001);
}

export function text(r: () => number, script: Script): string {
  const n = length(r);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const s: Exclude<Script, 'mixed'> = script === 'mixed' ? pick(r, Object.keys(POOLS) as Exclude<Script, 'mixed'>[]) : script;
    out.push(pick(r, POOLS[s]));
  }
  // Cut to n UTF-16 code units at most, never inside a surrogate pair.
  let s = out.join('');
  if (s.length > 2000) {
    s = s.slice(0, 2000);
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  }
  return s;
}

export interface CorpusMessage {
  readonly to: string;
  readonly text: string;
  readonly script: Script;
  readonly statusReport: boolean;
  readonly messageClass: 0 | 1 | 2 | 3 | null;
  readonly concat16: boolean;
  /** Relative validity in minutes, or null. */
  readonly validityMinutes: number | null;
  readonly reference: number;
}

const VALIDITIES = [60, 360, 1440, 4320, 10080];

export function corpus(seed: number, count: number): CorpusMessage[] {
  const r = rng(seed);
  const out: CorpusMessage[] = [];
  for (let i = 0; i < count; i++) {
    const script = SCRIPTS[i % SCRIPTS.length]!;
    const kind = r();
    const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
    const to =
      kind < 0.6
        ? '+' + (1 + Math.floor(r() * 9)) + digits(7 + Math.floor(r() * 7))
        : kind < 0.85
          ? '0' + digits(9)
          : digits(3 + Math.floor(r() * 3));
    const clsRoll = r();
    out.push({
      to,
      text: text(r, script),
      script,
      statusReport: r() < 0.3,
      messageClass: clsRoll < 0.7 ? null : (Math.floor((clsRoll - 0.7) / 0.075) as 0 | 1 | 2 | 3),
      concat16: r() < 0.2,
      validityMinutes: r() < 0.3 ? pick(r, VALIDITIES) : null,
      reference: Math.floor(r() * 256),
    });
  }
  return out;
}
