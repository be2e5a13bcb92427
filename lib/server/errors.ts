/** Stable error codes, each with its HTTP status; messages come from `errors.<code>` in the messages. */
export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 422,
  CONFLICT: 409,
  CROSS_SITE_REQUEST: 403,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An error safe to show: the code picks a translated message; `field` attaches it to a form field;
 * `messageKey` picks a more specific message: a key under `errors.`, or a full key with a dot.
 */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    /**
     * `messageKey`: a full key (`votes.errors.closed`) or one under `errors.`; `reason`: a finer,
     * stable refusal code that the JSON API sends next to `code` (e.g. `ALREADY_VOTED`).
     */
    public readonly options: { field?: string; messageKey?: string; values?: Record<string, string | number>; reason?: string } = {},
  ) {
    super(code);
  }

  get status() {
    return ERROR_STATUS[this.code];
  }

  /** The message to show, as a key from the root of the messages. */
  get messageKeyFromRoot() {
    const { messageKey } = this.options;
    return messageKey ? (messageKey.includes('.') ? messageKey : `errors.${messageKey}`) : `errors.${this.code}`;
  }
}

/**
 * Drizzle wraps driver errors (DrizzleQueryError); the Postgres code is on the cause. Log the cause,
 * too: the wrapper's message repeats the query parameters (password hashes, personal data).
 */
export function rootCause(error: unknown): { code?: string; message?: string } {
  const e = error as { code?: string; message?: string; cause?: unknown };
  return e?.code === undefined && e?.cause ? rootCause(e.cause) : (e ?? {});
}

/** Postgres errors that mean "try again later" rather than a bug: pool exhausted, server gone. */
export function isUnavailable(error: unknown): boolean {
  const e = rootCause(error);
  return (
    e?.code === 'ECONNREFUSED' ||
    e?.code === '57P01' || // admin shutdown
    e?.code === '57P03' || // cannot connect now
    e?.code === '53300' || // too many connections
    /timeout exceeded when trying to connect|Connection terminated/i.test(e?.message ?? '')
  );
}

export function isUniqueViolation(error: unknown): boolean {
  return rootCause(error).code === '23505';
}

/** Postgres unique and exclusion violations, and serialization failures. */
export function isConflict(error: unknown): boolean {
  const { code } = rootCause(error);
  return code === '23505' || code === '23P01' || code === '40001';
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE');
  if (isConflict(error)) return new AppError('CONFLICT');
  return new AppError('INTERNAL');
}
