/** Decoded message shapes shared by the three TPDU decoders. */
import type { Address } from './address';
import type { Dcs } from './dcs';
import type { Timestamp } from './scts';
import type { UserData } from './user-data';
import type { DecodedValidity } from './validity';

/** TS 23.040 §9.2.3.15 status groups: delivered, SC still trying, or given up. */
export type DeliveryOutcome = 'delivered' | 'pending' | 'failed';

export interface SmsDeliver {
  readonly type: 'deliver';
  readonly smsc: Address | null;
  /** TP-OA. */
  readonly address: Address;
  readonly pid: number;
  readonly dcs: Dcs;
  /** TP-SCTS. */
  readonly timestamp: Timestamp;
  readonly moreMessagesToSend: boolean;
  readonly statusReportIndication: boolean;
  readonly replyPath: boolean;
  readonly userData: UserData;
}

export interface SmsSubmit {
  readonly type: 'submit';
  readonly smsc: Address | null;
  /** TP-MR. */
  readonly messageReference: number;
  /** TP-DA. */
  readonly address: Address;
  readonly pid: number;
  readonly dcs: Dcs;
  readonly validity: DecodedValidity | null;
  readonly rejectDuplicates: boolean;
  readonly statusReportRequest: boolean;
  readonly replyPath: boolean;
  readonly userData: UserData;
}

export interface SmsStatusReport {
  readonly type: 'status-report';
  readonly smsc: Address | null;
  /** TP-MR of the SMS-SUBMIT this reports on. */
  readonly messageReference: number;
  /** TP-RA: the recipient of that message. */
  readonly address: Address;
  /** TP-SCTS: when the service centre received the message. */
  readonly serviceCentreTime: Timestamp;
  /** TP-DT: when it was delivered, or the last attempt / the failure. */
  readonly dischargeTime: Timestamp;
  /** TP-ST, the raw octet. */
  readonly status: number;
  readonly outcome: DeliveryOutcome;
  /** TP-SRQ: false = report on an SMS-SUBMIT, true = on an SMS-COMMAND. */
  readonly reportsCommand: boolean;
  readonly moreMessagesToSend: boolean;
  readonly pid: number | null;
  readonly dcs: Dcs | null;
  readonly userData: UserData | null;
}

export type DecodedPdu = SmsDeliver | SmsSubmit | SmsStatusReport;
