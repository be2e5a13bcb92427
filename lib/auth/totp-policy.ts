import 'server-only';
import { totpRequirements } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import type { Principal } from './permissions';

/** Roles (membership roles, or 'admin') whose holders must use a second factor. */
export async function rolesRequiringTotp(db: Db): Promise<Set<string>> {
  const rows = await db.select({ role: totpRequirements.role }).from(totpRequirements);
  return new Set(rows.map((r) => r.role));
}

export function rolesOf(principal: Principal): string[] {
  return [...new Set(principal.memberships.map((m) => m.role as string)), ...(principal.isAdmin ? ['admin'] : [])];
}

export async function isTotpRequired(db: Db, principal: Principal): Promise<boolean> {
  const required = await rolesRequiringTotp(db);
  return rolesOf(principal).some((role) => required.has(role));
}
