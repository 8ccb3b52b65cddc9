import type { TSchema } from '@sinclair/typebox';

/** One request/response call: the schema its arguments must pass and the schema of its result. */
export interface CallSpec {
  args: TSchema;
  result: TSchema;
}
