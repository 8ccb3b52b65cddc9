/** The mailbox's wire formats: HTTP schemas, station WebSocket frames, push frames. */
export * from './http';
export * from './station';
export * from './push';
