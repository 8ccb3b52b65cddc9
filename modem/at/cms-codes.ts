/**
 * +CMS ERROR codes, 3GPP TS 27.005 §3.2.5, with plain words for people and a hint for
 * the send queue. 0…127 are RP causes from TS 24.011 annex E-2, 128…255 are TP-Failure-
 * Cause values from TS 23.040 §9.2.3.22, 300…340 are the terminal's own errors; 512 and
 * up belong to the manufacturer.
 *
 * `retry`: `transient` means the same PDU may succeed later (network busy, SIM busy);
 * `permanent` means it never will as sent (unknown number, barred, bad PDU).
 */
export type Retry = 'transient' | 'permanent';

export interface CodeInfo {
  /** The name the standard gives (also what modems print with verbose errors, AT+CMEE=2). */
  readonly name: string;
  /** What to tell a person. */
  readonly message: string;
  readonly retry: Retry;
}

const t = (name: string, message: string): CodeInfo => ({ name, message, retry: 'transient' });
const p = (name: string, message: string): CodeInfo => ({ name, message, retry: 'permanent' });

export const CMS_CODES: ReadonlyMap<number, CodeInfo> = new Map<number, CodeInfo>([
  // TS 24.011 annex E-2 (RP-Cause)
  [1, p('Unassigned (unallocated) number', 'The recipient number does not exist.')],
  [8, p('Operator determined barring', 'The mobile operator has barred this SIM from sending messages.')],
  [10, p('Call barred', 'Sending to this number is barred on this SIM.')],
  [17, t('Network failure', 'The mobile network failed to deliver the message. It can be tried again.')],
  [21, p('Short message transfer rejected', 'The network refused the message.')],
  [22, t('Memory capacity exceeded', 'The recipient has no room for new messages.')],
  [27, t('Destination out of service', 'The recipient cannot be reached right now.')],
  [28, p('Unidentified subscriber', 'The network does not know this subscriber.')],
  [29, p('Facility rejected', 'The network rejected the request.')],
  [30, p('Unknown subscriber', 'The recipient is not known to the network.')],
  [38, t('Network out of order', 'The mobile network is out of order. It can be tried again later.')],
  [41, t('Temporary failure', 'The network had a temporary failure. It can be tried again.')],
  [42, t('Congestion', 'The mobile network is busy. It can be tried again shortly.')],
  [47, t('Resources unavailable, unspecified', 'The mobile network has no resources free right now.')],
  [50, p('Requested facility not subscribed', 'This SIM is not subscribed to the service.')],
  [69, p('Requested facility not implemented', 'The mobile network does not offer this service.')],
  [81, p('Invalid short message transfer reference value', 'The network did not accept the message reference.')],
  [95, p('Invalid message, unspecified', 'The network found the message invalid.')],
  [96, p('Invalid mandatory information', 'The network found the message incomplete.')],
  [97, p('Message type non-existent or not implemented', 'The network does not support this kind of message.')],
  [98, t('Message not compatible with short message protocol state', 'The network was in the wrong state for this message.')],
  [99, p('Information element non-existent or not implemented', 'The network did not understand part of the message.')],
  [111, t('Protocol error, unspecified', 'A protocol error occurred between modem and network.')],
  [127, t('Interworking, unspecified', 'The message failed between networks.')],
  // TS 23.040 §9.2.3.22 (TP-Failure-Cause)
  [128, p('Telematic interworking not supported', 'The message centre cannot deliver to this kind of device.')],
  [129, p('Short message Type 0 not supported', 'The recipient does not accept silent messages.')],
  [130, p('Cannot replace short message', 'The message could not replace an earlier one.')],
  [143, p('Unspecified TP-PID error', 'The message centre rejected the protocol identifier.')],
  [144, p('Data coding scheme (alphabet) not supported', 'The message centre does not support this text encoding.')],
  [145, p('Message class not supported', 'The message centre does not support this message class.')],
  [159, p('Unspecified TP-DCS error', 'The message centre rejected the text encoding.')],
  [160, p('Command cannot be actioned', 'The message centre could not carry out the command.')],
  [161, p('Command unsupported', 'The message centre does not support this command.')],
  [175, p('Unspecified TP-Command error', 'The message centre rejected the command.')],
  [176, p('TPDU not supported', 'The message centre does not support this message format.')],
  [192, t('SC busy', 'The message centre is busy. It can be tried again shortly.')],
  [193, p('No SC subscription', 'This SIM is not subscribed to the message centre.')],
  [194, t('SC system failure', 'The message centre failed. It can be tried again later.')],
  [195, p('Invalid SME address', 'The recipient address is invalid.')],
  [196, p('Destination SME barred', 'The recipient is barred from receiving messages.')],
  [197, p('SM Rejected-Duplicate SM', 'The message centre already has this message.')],
  [198, p('TP-VPF not supported', 'The message centre does not support the validity period format.')],
  [199, p('TP-VP not supported', 'The message centre does not support the validity period.')],
  [208, t('(U)SIM SMS storage full', 'The SIM message storage is full.')],
  [209, p('No SMS storage capability in (U)SIM', 'The SIM cannot store messages.')],
  [210, t('Error in MS', 'The recipient phone reported an error.')],
  [211, t('Memory Capacity Exceeded', 'The recipient phone has no room for new messages.')],
  [212, t('(U)SIM Application Toolkit Busy', 'The SIM is busy. It can be tried again shortly.')],
  [213, t('(U)SIM data download error', 'The SIM failed to take the data.')],
  [255, t('Unspecified error cause', 'The message centre reported an unspecified error.')],
  // TS 27.005 §3.2.5 (terminal errors)
  [300, t('ME failure', 'The modem failed to carry out the request.')],
  [301, t('SMS service of ME reserved', 'The modem is busy with another message.')],
  [302, p('operation not allowed', 'The modem does not allow this operation now.')],
  [303, p('operation not supported', 'The modem does not support this operation.')],
  [304, p('invalid PDU mode parameter', 'The modem rejected the message as malformed.')],
  [305, p('invalid text mode parameter', 'The modem rejected a text mode parameter.')],
  [310, p('(U)SIM not inserted', 'There is no SIM card in the modem.')],
  [311, p('(U)SIM PIN required', 'The SIM needs its PIN.')],
  [312, p('PH-(U)SIM PIN required', 'The modem needs its phone-to-SIM lock code.')],
  [313, p('(U)SIM failure', 'The SIM card failed.')],
  [314, t('(U)SIM busy', 'The SIM is busy. It can be tried again shortly.')],
  [315, p('(U)SIM wrong', 'The SIM card is not accepted by this modem.')],
  [316, p('(U)SIM PUK required', 'The SIM is blocked and needs its PUK.')],
  [317, p('(U)SIM PIN2 required', 'The SIM needs its PIN2.')],
  [318, p('(U)SIM PUK2 required', 'The SIM needs its PUK2.')],
  [320, t('memory failure', 'The message storage failed.')],
  [321, p('invalid memory index', 'There is no message at that place in storage.')],
  [322, t('memory full', 'The message storage is full.')],
  [330, p('SMSC address unknown', 'The message centre number is not set on the SIM.')],
  [331, t('no network service', 'The modem has no network service.')],
  // Transient as a command result; after +CMGS has sent its PDU it is ambiguous (the message may
  // have gone out, TS 24.011 §8.2.5), which the driver decides (modem/driver/send.ts).
  [332, t('network timeout', 'The mobile network did not answer in time.')],
  [340, p('no +CNMA acknowledgement expected', 'The modem was not waiting for a delivery acknowledgement.')],
  [500, t('unknown error', 'The modem reported an unknown error.')],
]);

/** Looks up a CMS code; unknown and manufacturer codes (512+) get a generic entry. */
export function cmsInfo(code: number | undefined): CodeInfo {
  if (code !== undefined) {
    const known = CMS_CODES.get(code);
    if (known) return known;
    if (code >= 512) return t(`manufacturer specific error ${code}`, `The modem reported its own error ${code}.`);
  }
  return t('unknown error', 'The modem could not handle the message.');
}

const cmsByName = new Map<string, number>([...CMS_CODES].map(([code, info]) => [normaliseName(info.name), code]));

function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(u\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Maps a verbose CMS text (AT+CMEE=2), e.g. "invalid memory index", back to its code. */
export function cmsCodeFromText(text: string): number | undefined {
  return cmsByName.get(normaliseName(text));
}
