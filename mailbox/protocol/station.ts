import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

/**
 * The gateway station protocol: JSON text frames over the WebSocket at /v1/station, opened
 * with `Authorization: Bearer <station token>`. Every frame carries `v` (the protocol version);
 * a frame of another version is answered with an error and ignored.
 *
 *   server → station   welcome, offer, lease, taken, ack, error
 *   station → server   claim, result, report, received
 *
 * A job is offered to every station that may send it; the first `claim` wins a lease
 * (`lease`), the others hear `taken`. The lease holder sends the SMS and answers `result`;
 * the network's status report follows later as `report`. A lease not finished when its
 * connection closes, or when it expires, goes back to the queue and is offered again.
 */
export const STATION_PROTOCOL_VERSION = 1;

/** The largest frame a station may send; a received SMS of 255 parts fits easily. */
export const MAX_STATION_FRAME_BYTES = 256 * 1024;

const V = Type.Literal(STATION_PROTOCOL_VERSION);
const JobId = Type.Integer({ minimum: 1 });

export const StationToServer = Type.Union([
  Type.Object({ v: V, type: Type.Literal('claim'), jobId: JobId }, { additionalProperties: false }),
  Type.Object(
    {
      v: V,
      type: Type.Literal('result'),
      jobId: JobId,
      outcome: Type.Union([Type.Literal('sent'), Type.Literal('failed')]),
      /** The TP-MR or any station-side reference, for the operator's logs. */
      reference: Type.Optional(Type.String({ maxLength: 64 })),
      /** Why it failed, in words. */
      error: Type.Optional(Type.String({ maxLength: 500 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      v: V,
      type: Type.Literal('report'),
      jobId: JobId,
      status: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      v: V,
      type: Type.Literal('received'),
      id: Type.String({ minLength: 1, maxLength: 100 }),
      from: Type.String({ minLength: 1, maxLength: 40 }),
      text: Type.String({ maxLength: 40_000 }),
      receivedAt: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
]);
export type StationToServerT = Static<typeof StationToServer>;

export type ServerToStation =
  | { readonly v: 1; readonly type: 'welcome'; readonly stationId: number; readonly name: string }
  | {
      readonly v: 1;
      readonly type: 'offer';
      readonly job: { readonly id: number; readonly kind: string; readonly to: string; readonly text: string };
    }
  | { readonly v: 1; readonly type: 'lease'; readonly jobId: number; readonly leaseUntil: number }
  | { readonly v: 1; readonly type: 'taken'; readonly jobId: number; readonly reason: 'taken' | 'not-yours' | 'gave-up' }
  | { readonly v: 1; readonly type: 'ack'; readonly of: 'result' | 'report' | 'received'; readonly ref: string; readonly ok: boolean }
  | { readonly v: 1; readonly type: 'error'; readonly code: StationErrorCode; readonly message: string };

export type StationErrorCode = 'bad-frame' | 'unsupported-version' | 'internal';

const check = TypeCompiler.Compile(StationToServer);

export type ParsedFrame =
  | { readonly ok: true; readonly frame: StationToServerT }
  | { readonly ok: false; readonly code: StationErrorCode; readonly message: string };

/** Reads one frame from a station: a typed message or a typed error, never a throw. */
export function parseStationFrame(data: string): ParsedFrame {
  if (data.length > MAX_STATION_FRAME_BYTES) return { ok: false, code: 'bad-frame', message: 'Frame too large.' };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { ok: false, code: 'bad-frame', message: 'Frame is not JSON.' };
  }
  if (typeof raw === 'object' && raw !== null && 'v' in raw && raw.v !== STATION_PROTOCOL_VERSION) {
    return { ok: false, code: 'unsupported-version', message: `This server speaks version ${STATION_PROTOCOL_VERSION}.` };
  }
  if (!check.Check(raw)) return { ok: false, code: 'bad-frame', message: 'Frame does not match the protocol.' };
  return { ok: true, frame: raw };
}
