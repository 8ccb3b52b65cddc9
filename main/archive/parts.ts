import type { Encoding, Part, PartStatus } from './model';

export interface PartRow {
  id: number;
  message_id: number | null;
  group_id: number | null;
  seq: number;
  pdu: Buffer | null;
  text: string | null;
  encoding: Encoding | null;
  sc_address: string | null;
  flash: number;
  tp_mr: number | null;
  status: PartStatus;
  status_reason: string | null;
  modem_id: number | null;
  sc_at: number | null;
  received_at: number | null;
  submitted_at: number | null;
  delivered_at: number | null;
}

export function toPart(r: PartRow): Part {
  return {
    id: r.id,
    messageId: r.message_id,
    groupId: r.group_id,
    seq: r.seq,
    pdu: r.pdu === null ? null : new Uint8Array(r.pdu),
    text: r.text,
    encoding: r.encoding,
    scAddress: r.sc_address,
    flash: r.flash === 1,
    tpMr: r.tp_mr,
    status: r.status,
    statusReason: r.status_reason,
    modemId: r.modem_id,
    scAt: r.sc_at,
    receivedAt: r.received_at,
    submittedAt: r.submitted_at,
    deliveredAt: r.delivered_at,
  };
}
