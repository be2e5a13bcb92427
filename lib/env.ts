import { z } from 'zod';

const boolish = z.enum(['auto', 'true', 'false']).default('auto');

const emptyAsUnset = (v: unknown) => (v === '' ? undefined : v);

/** A PostgreSQL memory size with its unit, e.g. `512MB`. */
export const POSTGRES_SIZE = /^\d+(kB|MB|GB)$/;

const fields = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  QUORUM_DATA_DIR: z.string().min(1).default('.data'),
  /** Buffer cache of the embedded PostgreSQL (lib/db/embedded.ts); unset: an eighth of RAM, 128 MB–4 GB. */
  QUORUM_DB_SHARED_BUFFERS: z.preprocess(
    emptyAsUnset,
    z.string().regex(POSTGRES_SIZE, 'a size such as 512MB or 2GB').optional(),
  ),
  NEXTAUTH_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  COOKIE_SECURE: boolish,
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Outgoing mail server, e.g. `smtps://user:pass@mail.example.internal:465`; unset: mail is only logged. */
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().min(3).default('Quorum <no-reply@quorum.local>'),
  /**
   * Where uploaded files are kept (lib/storage): a local folder (default), an S3-compatible bucket,
   * or UploadThing — a hosted service abroad, used only when chosen here and UPLOADTHING_TOKEN is set.
   */
  STORAGE_DRIVER: z.enum(['local', 's3', 'uploadthing']).default('local'),
  S3_BUCKET: z.preprocess(emptyAsUnset, z.string().min(3).optional()),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  S3_ACCESS_KEY_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  S3_PREFIX: z.string().regex(/^([\w.-]+\/)*$/, 'empty, or folder names each ending with /').default(''),
  UPLOADTHING_TOKEN: z.preprocess(emptyAsUnset, z.string().min(10).optional()),
  /** Largest file accepted by the resumable upload endpoint (larger ones are answered with 413). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
});

const schema = fields.superRefine((e, ctx) => {
  const missing = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (e.STORAGE_DRIVER === 's3' && !e.S3_BUCKET) missing('S3_BUCKET', 'required when STORAGE_DRIVER=s3');
  if (e.STORAGE_DRIVER === 's3' && Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    missing('S3_SECRET_ACCESS_KEY', 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither');
  }
  if (e.STORAGE_DRIVER === 'uploadthing' && !e.UPLOADTHING_TOKEN) missing('UPLOADTHING_TOKEN', 'required when STORAGE_DRIVER=uploadthing');
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment; throws one readable error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

export function resetEnvCache() {
  cached = undefined;
}
