/** The HTTP/WebSocket server: serveMailbox starts one; buildApp is the unlistened app (tests). */
export { serveMailbox, DEFAULT_PORT, DEFAULT_DB_FILE } from './serve';
export type { ServeOptions, MailboxServer } from './serve';
export { buildApp, DEFAULT_APP_OPTIONS } from './app';
export type { AppOptions, MailboxApp } from './app';
