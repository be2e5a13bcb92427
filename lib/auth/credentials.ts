import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Database } from '@/lib/db/client';
import type { RequestMeta } from '@/lib/server/request-meta';
import { burnPasswordCheck, verifyPassword } from './password';
import { createSession } from './sessions';
import { clearFailures, lockedUntil, registerFailure } from './throttle';
import { verifyTotp } from './totp';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(256),
  otp: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s/g, ''))
    .optional(),
});

export type SignInFailure = 'INVALID_CREDENTIALS' | 'LOCKED' | 'TOTP_REQUIRED' | 'TOTP_INVALID';
export type SignInResult =
  | { ok: true; userId: string; name: string; email: string; sessionId: string }
  | { ok: false; code: SignInFailure; lockedUntil?: Date };

/**
 * Checks a sign-in attempt. Unknown e-mail, wrong password and disabled account all answer
 * INVALID_CREDENTIALS after the same password-hashing work; failures are counted in Postgres.
 */
export async function authenticate(db: Database, input: unknown, meta: RequestMeta): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'INVALID_CREDENTIALS' };
  const { email, password, otp } = parsed.data;

  const locked = await lockedUntil(db, email);
  if (locked) return { ok: false, code: 'LOCKED', lockedUntil: locked };

  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      totpSecret: users.totpSecret,
      totpEnabledAt: users.totpEnabledAt,
      totpLastStep: users.totpLastStep,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));

  const fail = async (code: SignInFailure, reason: string): Promise<SignInResult> => {
    const until = await db.transaction(async (tx) => {
      const lockedNow = await registerFailure(tx, email);
      await recordAudit(tx, user ? { id: user.id, name: user.name } : null, meta, {
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id,
        details: { email, reason, locked: Boolean(lockedNow) },
      });
      return lockedNow;
    });
    return until ? { ok: false, code: 'LOCKED', lockedUntil: until } : { ok: false, code };
  };

  if (!user) {
    await burnPasswordCheck(password);
    return fail('INVALID_CREDENTIALS', 'unknown_user');
  }
  if (!(await verifyPassword(user.passwordHash, password))) return fail('INVALID_CREDENTIALS', 'wrong_password');
  if (user.disabledAt) return fail('INVALID_CREDENTIALS', 'disabled');

  return db.transaction(async (tx) => {
    if (user.totpEnabledAt && user.totpSecret) {
      if (!otp) return { ok: false, code: 'TOTP_REQUIRED' } as const;
      const step = verifyTotp(user.totpSecret, otp, user.totpLastStep);
      // Claiming the step in one UPDATE makes a code usable once even under concurrent sign-ins.
      const claimed =
        step !== undefined &&
        (
          await tx
            .update(users)
            .set({ totpLastStep: step })
            .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
            .returning({ id: users.id })
        ).length === 1;
      if (!claimed) return { ok: false, code: 'TOTP_INVALID' } as const;
    }
    await clearFailures(tx, email);
    const sessionId = await createSession(tx, user.id, meta);
    await recordAudit(tx, { id: user.id, name: user.name }, meta, {
      action: 'auth.sign_in',
      entityType: 'session',
      entityId: sessionId,
      details: { secondFactor: Boolean(user.totpEnabledAt) },
    });
    return { ok: true, userId: user.id, name: user.name, email: user.email, sessionId } as const;
  }).then(async (result) => (result.ok || result.code === 'TOTP_REQUIRED' ? result : fail(result.code, 'wrong_code')));
}
