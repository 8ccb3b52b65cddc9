/**
 * What a virtual modem needs from the virtual network. The network decodes and
 * routes TPDUs; the modem only moves bytes between the AT interface and here.
 */

export type SubmitResult = { ok: true } | { ok: false; cms: number };

export interface Registration {
  /** <stat> of +CREG: 0 not searching, 1 home, 2 searching, 3 denied, 5 roaming. */
  stat: 0 | 1 | 2 | 3 | 4 | 5;
  lac: number;
  ci: number;
}

export interface NetworkLink {
  readonly operatorName: string;
  /** MCC+MNC, e.g. "00101". */
  readonly operatorNumeric: string;
  /** The service centre's number, as +CSCA? shows it. */
  readonly smsc: string;
  /**
   * An SMS-SUBMIT TPDU (with the TP-MR the modem chose) from this subscriber.
   * `done` is called when the network accepts or refuses it; never, if the
   * network swallowed it (the modem then times out with +CMS ERROR: 332).
   */
  submit(msisdn: string, tpdu: Uint8Array, done: (result: SubmitResult) => void): void;
  /** The subscriber has room again (TS 24.011 RP-SMMA): send what waits. */
  memoryAvailable(msisdn: string): void;
  /** A USSD string from the subscriber; answers come back through the endpoint's `ussd`. */
  ussd(msisdn: string, text: string): void;
  /** The subscriber ends its USSD session. */
  ussdCancel(msisdn: string): void;
}

/** How an incoming SMS or status report fared at the modem. */
export type DeliveryOutcome =
  /** Stored in a message store (and announced, if +CNMI says so). */
  | 'stored'
  /** Routed straight to the DTE (+CMT/+CDS); with +CSMS=1 it still needs +CNMA. */
  | 'routed'
  /** No room: the network keeps it until the modem reports memory available. */
  | 'memory-full'
  /** The modem is off the network (unplugged, no SIM, airplane mode). */
  | 'absent';
