/** The end of every switch over a union: the compiler proves it unreachable. */
export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
