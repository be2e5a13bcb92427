import pino from 'pino';

const globalForLog = globalThis as unknown as { quorumLogger?: pino.Logger };

/** JSON lines on stdout; user-supplied strings are escaped, so CR/LF cannot forge a line. */
export const logger =
  globalForLog.quorumLogger ??
  (globalForLog.quorumLogger = pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { app: 'quorum' },
    redact: ['password', '*.password', 'passwordHash', '*.passwordHash', 'totpSecret', '*.totpSecret'],
  }));
