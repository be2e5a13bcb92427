import 'server-only';
import { and, countDistinct, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { membershipRole, memberships, totpRequirements, users } from '@/db/schema';
import type { Db } from '@/lib/db/client';

/** Every role a second factor can be required for: the six membership roles and 'admin'. */
export const TOTP_POLICY_ROLES = [...membershipRole.enumValues, 'admin'] as const;
export type TotpPolicyRole = (typeof TOTP_POLICY_ROLES)[number];

export const setTotpRequirementSchema = z.object({
  role: z.enum(TOTP_POLICY_ROLES, { error: 'v:choose_one' }),
  required: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export type TotpPolicyRow = {
  role: TotpPolicyRole;
  required: boolean;
  requiredAt: Date | null;
  /** Active accounts holding the role (in any organisation). */
  holders: number;
  /** Of those, accounts without a second factor yet. */
  notEnrolled: number;
};

/** For each role: whether TOTP is required, and how many active holders have not enrolled yet. */
export async function totpPolicyOverview(db: Db): Promise<TotpPolicyRow[]> {
  const notEnrolled = sql<number>`count(distinct ${users.id}) filter (where ${users.totpEnabledAt} is null)`.mapWith(Number);
  const [requirements, byRole, [admins]] = await Promise.all([
    db.select({ role: totpRequirements.role, requiredAt: totpRequirements.requiredAt }).from(totpRequirements),
    db
      .select({ role: memberships.role, holders: countDistinct(users.id), notEnrolled })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(isNull(users.disabledAt))
      .groupBy(memberships.role),
    db
      .select({ holders: countDistinct(users.id), notEnrolled })
      .from(users)
      .where(and(eq(users.isAdmin, true), isNull(users.disabledAt))),
  ]);
  const required = new Map(requirements.map((r) => [r.role, r.requiredAt]));
  const counts = new Map<string, { holders: number; notEnrolled: number }>(byRole.map((r) => [r.role, r]));
  counts.set('admin', { holders: admins?.holders ?? 0, notEnrolled: admins?.notEnrolled ?? 0 });
  return TOTP_POLICY_ROLES.map((role) => ({
    role,
    required: required.has(role),
    requiredAt: required.get(role) ?? null,
    holders: counts.get(role)?.holders ?? 0,
    notEnrolled: counts.get(role)?.notEnrolled ?? 0,
  }));
}

/** Requires (or stops requiring) a second factor for a role; true when something changed. */
export async function setTotpRequirement(db: Db, role: TotpPolicyRole, required: boolean): Promise<boolean> {
  if (required) {
    const rows = await db
      .insert(totpRequirements)
      .values({ role })
      .onConflictDoNothing({ target: totpRequirements.role })
      .returning({ role: totpRequirements.role });
    return rows.length > 0;
  }
  const rows = await db
    .delete(totpRequirements)
    .where(eq(totpRequirements.role, role))
    .returning({ role: totpRequirements.role });
  return rows.length > 0;
}
