/**
 * The mailbox server address the person types: http(s) only, no user name or password in it
 * (the session token is the only credential), no query or fragment. A bare host gets
 * https://, because the token must not travel in clear text by accident; plain http must be
 * typed out (a server on the same machine or the local network).
 */
export type ServerUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

export function checkServerUrl(typed: string): ServerUrlCheck {
  const text = typed.trim();
  if (text.length === 0) return { ok: false, reason: 'Enter the mailbox server’s address.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'That is not a web address.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'The mailbox server’s address starts with https:// (or http://).' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'Leave the user name and password out of the address.' };
  if (url.search !== '' || url.hash !== '') return { ok: false, reason: 'Leave anything after ? or # out of the address.' };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}
