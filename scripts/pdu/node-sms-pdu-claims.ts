/**
 * Checks the claims in modem/pdu/README.md "Why not just node-sms-pdu" against the installed
 * node-sms-pdu. Usage: npx tsx scripts/pdu/node-sms-pdu-claims.ts
 */
import { createRequire } from 'node:module';
import { decodePdu, encodeSubmit } from '../../modem/pdu/index';

const require = createRequire(import.meta.url);
const nsp = require('node-sms-pdu') as {
  generateSubmit(number: string, text: string, options?: Record<string, unknown>): { hex: string; length: number; encoding: string }[];
  parse(hex: string): Record<string, unknown>;
};

function tryRun<T>(f: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

const report: Record<string, unknown> = {};

// 1. Emoji: does a part end inside a surrogate pair?
{
  const text = 'x'.repeat(66) + '😀'.repeat(10);
  const parts = nsp.generateSubmit('+491234567', text);
  const texts = parts.map((p) => (decodePdu(p.hex) as { userData: { text: string | null } }).userData.text ?? '');
  const split = texts.some((t) => /[\ud800-\udbff]$/.test(t) || /^[\udc00-\udfff]/.test(t));
  const ours = encodeSubmit({ to: '+491234567', text }).parts.map(
    (p) => (decodePdu(p.hex) as { userData: { text: string | null } }).userData.text ?? '',
  );
  report['emoji surrogate pair split across parts'] = {
    nodeSmsPdu: split,
    nodeSmsPduPartEnds: texts.map((t) => t.slice(-1).charCodeAt(0).toString(16)),
    smsdesk: ours.some((t) => /[\ud800-\udbff]$/.test(t)),
  };
}

// 2. Options: status report request, flash (class 0), validity period.
{
  const plain = nsp.generateSubmit('+491234567', 'hi')[0]!.hex;
  const withOpts = tryRun(
    () =>
      nsp.generateSubmit('+491234567', 'hi', { statusReport: true, requestStatusReport: true, flash: true, class: 0, validity: 1440 })[0]!
        .hex,
  );
  const decoded = withOpts.ok ? decodePdu(withOpts.value) : null;
  report['status report / flash / validity options'] = {
    optionsChangeOutput: withOpts.ok ? withOpts.value !== plain : `throws: ${withOpts.error}`,
    statusReportRequest: decoded && decoded.type === 'submit' ? decoded.statusReportRequest : null,
    messageClass: decoded && decoded.type === 'submit' ? decoded.dcs.messageClass : null,
    validity: decoded && decoded.type === 'submit' ? decoded.validity : null,
  };
}

// 3. SMS-STATUS-REPORT (ModemManager test vector, a real capture).
{
  const sr = '07914356060013F1065A098136397339F7219011700463802190117004638030';
  const r = tryRun(() => nsp.parse(sr));
  // parse() reports failure as { error: Error } instead of throwing.
  const err = r.ok ? (r.value as { error?: Error }).error : undefined;
  report['decode SMS-STATUS-REPORT'] = r.ok ? (err ? { error: err.message } : { result: r.value }) : { throws: r.error };
  report['smsdesk decodes it'] = decodePdu(sr).type;
}

// 4. Extension characters at a part boundary.
{
  const text = 'a'.repeat(152) + '€'.repeat(5);
  const parts = nsp.generateSubmit('+491234567', text);
  const texts = parts.map((p) => tryRun(() => decodePdu(p.hex)));
  report['escape pair at a part boundary'] = {
    parts: parts.length,
    decoded: texts.map((t) => (t.ok && t.value.type === 'submit' ? t.value.userData.text?.slice(-3) : t.ok ? null : t.error)),
  };
}

// 4b. Many extension characters: the encoder throws a RangeError (not even its own error type).
{
  const r = tryRun(() => nsp.generateSubmit('+491234567', '['.repeat(100)));
  report['encode 100 x "[" (200 septets)'] = r.ok ? `${r.value.length} parts` : { throws: r.error };
  report['smsdesk encodes it'] = `${encodeSubmit({ to: '+491234567', text: '['.repeat(100) }).segments} parts`;
}

// 5. Unknown UDH elements (e.g. port addressing) on decode.
{
  const ports = encodeSubmit({ to: '+1', text: 'hi', ports: { destination: 2948, source: 9200 } }).parts[0]!.hex;
  const r = tryRun(() => nsp.parse(ports));
  const err = r.ok ? (r.value as { error?: Error }).error : undefined;
  report['decode a PDU with a port addressing UDH'] = r.ok ? (err ? { error: err.message } : r.value) : { throws: r.error };
}

console.log(JSON.stringify(report, null, 2));
