import { app, session, type WebContents } from 'electron';

/**
 * The Content-Security-Policy of every SMSDesk page. Scripts and styles come only
 * from the app itself; nothing is framed, posted or loaded from elsewhere. The
 * same policy is in renderer/index.html, so it holds for file:// loads too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * App-wide hardening, applied before any window exists: no navigation away from
 * the app, no new windows, no webviews, no permission grants (camera, geolocation,
 * notifications ask through the main process instead), CSP on every response.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/**
 * True only for the app's own page: the built renderer under `rendererDir`
 * (file://) or, in development, the dev server's origin.
 */
export function makeAppUrlCheck(options: { rendererFileUrl: string; devServerUrl: string | undefined }): (url: string) => boolean {
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  const fileBase = new URL('.', options.rendererFileUrl).href;
  return (url: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin !== null && parsed.origin === devOrigin) return true;
    return parsed.protocol === 'file:' && parsed.href.startsWith(fileBase);
  };
}
