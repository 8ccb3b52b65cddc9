/**
 * Bytes → base64 for import chunks (see main/contract/archive-io.ts for why bytes travel, not
 * text). btoa takes a "binary string"; it is built in slices because String.fromCharCode
 * takes its arguments on the stack, which a 512 KiB chunk at once would overflow.
 */
const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(at, at + SLICE));
  }
  return btoa(binary);
}
