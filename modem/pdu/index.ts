/**
 * SMS PDU codec (TS 23.040 / TS 23.038): pure functions on hex, bytes and strings.
 * This file is the module's whole public surface.
 */
export { PduDecodeError, PduEncodeError } from './errors';
export type { PduDecodeErrorCode, PduEncodeErrorCode } from './errors';

export { decodePdu } from './decode';
export type { DecodeOptions } from './decode';
export type { DecodedPdu, SmsDeliver, SmsSubmit, SmsStatusReport, DeliveryOutcome } from './types';
export type { Address, AddressInput, TypeOfNumber } from './address';
export type { Dcs, Alphabet, MessageClass, MessageWaiting } from './dcs';
export type { Timestamp } from './scts';
export type { UserData, Concat, Ports } from './user-data';
export type { UdhElement } from './udh';
export type { Validity, DecodedValidity } from './validity';
export { statusOutcome, statusText } from './status-report';

export { encodeSubmit, MAX_PARTS } from './submit';
export type { SubmitOptions, SubmitPart, SubmitResult } from './submit';

export { planText } from './plan';
export type { PlanOptions, SegmentPlan, TextEncoding } from './plan';

export { assemble, concatKey, groupParts } from './reassembly';
export type { AssemblyResult, MessagePart } from './reassembly';

export { NATIONAL_LANGUAGES } from './national/index';
export type { NationalLanguage } from './national/index';

export { decodeLineToJson, encodeLineToJson, decodedToJson } from './cli-format';
export type { LineResult } from './cli-format';

export { hexToBytes, bytesToHex } from './hex';
export { packUssdHex, unpackUssdHex } from './ussd';
