/** Pure reply parsers: strings in, a typed result or a typed parse error out. */
export { ok, fail, type ParseResult } from './result';
export { parseCsq, parseHuaweiRssi, parseHuaweiMode, parseHuaweiBoot, type SignalQuality, type HuaweiMode } from './signal';
export {
  parseRegistrationRead,
  parseRegistrationUrc,
  canUseSms,
  type Registration,
  type RegistrationKind,
  type RegistrationStatus,
} from './registration';
export { parseCopsRead, type OperatorInfo } from './operator';
export {
  parseCpmsRead,
  parseCpmsSet,
  parseCpmsTest,
  parseCnmiTest,
  type StorageUse,
  type StorageOptions,
  type CnmiOptions,
} from './storage';
export {
  parseCmgr,
  parseCmgrHeader,
  parseCmgl,
  parseCmglHeader,
  parseCmti,
  parseCdsi,
  parseCmtHeader,
  parseCdsHeader,
  parseCmgs,
  type MessageStatus,
  type StoredMessageHeader,
  type StoredMessage,
  type MessageList,
  type StorageIndex,
} from './messages';
export { parseCpin, type PinState, type PinStatus } from './sim';
export { parseImei, parseImsi, parseIccid, parseCnum, parseCsca, type SubscriberNumber, type ServiceCentre } from './identity';
export {
  parseCusd,
  decodeUssd,
  dcsIsUcs2,
  dcsIsGsm7,
  USSD_STATUS_MESSAGE,
  type UssdReply,
  type UssdStatus,
  type UssdEncoding,
} from './ussd';
export { parseClip, type CallerId } from './call';
export { rangeList, splitFields, unquote } from './fields';
