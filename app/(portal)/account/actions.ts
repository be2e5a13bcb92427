'use server';

import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { z } from 'zod';
import { users } from '@/db/schema';
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { newTotpSecret, totpUri, verifyTotp } from '@/lib/auth/totp';
import { isTotpRequired } from '@/lib/auth/totp-policy';
import type { Db } from '@/lib/db/client';
import { defineAction } from '@/lib/server/action';
import { AppError } from '@/lib/server/errors';
import { newPasswordFields } from '@/lib/users/schemas';

async function passwordHashOf(tx: Db, userId: string) {
  const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row!.passwordHash;
}

/** Changing the password ends every session, this one included; the user signs in again. */
export const changePassword = defineAction({
  name: 'account.password_change',
  permission: 'account.manage',
  schema: z
    .object({ currentPassword: z.string().min(1).max(256), ...newPasswordFields })
    .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'v:password_mismatch' }),
  allowPending: true,
  redirectTo: '/login?reason=password-changed',
  async run({ viewer, input, tx, audit }) {
    if (!(await verifyPassword(await passwordHashOf(tx, viewer.id), input.currentPassword))) {
      throw new AppError('VALIDATION_FAILED', { field: 'currentPassword', messageKey: 'WRONG_PASSWORD' });
    }
    const problem = passwordProblem(input.newPassword, [viewer.email, viewer.name]);
    if (problem) throw new AppError('VALIDATION_FAILED', { field: 'newPassword', messageKey: `validation.password_${problem}` });
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date(), mustChangePassword: false })
      .where(eq(users.id, viewer.id));
    await revokeUserSessions(tx, viewer.id);
    await audit({ action: 'account.password_changed', entityType: 'user', entityId: viewer.id });
  },
});

/** Step 1 of turning on TOTP: a new secret, shown once as a QR code and text. */
export const startTotp = defineAction({
  name: 'account.totp_start',
  permission: 'account.manage',
  schema: z.object({}),
  allowPending: true,
  authorize: (viewer) => !viewer.totpEnabled,
  async run({ viewer, tx }) {
    const secret = newTotpSecret();
    await tx.update(users).set({ totpSecret: secret, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, viewer.id));
    const uri = totpUri(secret, viewer.email);
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { secret, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  },
});

/** Step 2: a correct code from the app proves the secret was saved; TOTP is on from now. */
export const confirmTotp = defineAction({
  name: 'account.totp_confirm',
  permission: 'account.manage',
  schema: z.object({ code: z.string().trim().regex(/^\d{6}$/, { error: 'v:totp_format' }) }),
  allowPending: true,
  authorize: (viewer) => !viewer.totpEnabled,
  success: 'account.totp.enabled',
  revalidate: ['/account', '/'],
  async run({ viewer, input, tx, audit }) {
    const [row] = await tx.select({ secret: users.totpSecret }).from(users).where(eq(users.id, viewer.id));
    const step = row?.secret ? verifyTotp(row.secret, input.code, null) : undefined;
    if (step === undefined) throw new AppError('VALIDATION_FAILED', { field: 'code', messageKey: 'WRONG_TOTP' });
    await tx.update(users).set({ totpEnabledAt: new Date(), totpLastStep: step }).where(eq(users.id, viewer.id));
    await audit({ action: 'account.totp_enabled', entityType: 'user', entityId: viewer.id });
  },
});

export const disableTotp = defineAction({
  name: 'account.totp_disable',
  permission: 'account.manage',
  schema: z.object({ currentPassword: z.string().min(1).max(256) }),
  // Not while an admin requires a second factor for one of the viewer's roles.
  authorize: async (viewer, _input, tx) => viewer.totpEnabled && !(await isTotpRequired(tx, viewer)),
  success: 'account.totp.disabled',
  revalidate: ['/account', '/'],
  async run({ viewer, input, tx, audit }) {
    if (!(await verifyPassword(await passwordHashOf(tx, viewer.id), input.currentPassword))) {
      throw new AppError('VALIDATION_FAILED', { field: 'currentPassword', messageKey: 'WRONG_PASSWORD' });
    }
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, viewer.id));
    await audit({ action: 'account.totp_disabled', entityType: 'user', entityId: viewer.id });
  },
});
