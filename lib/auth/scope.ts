import 'server-only';
import { type SQL, inArray, like, or, sql } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { escapeLike } from '@/lib/db/like';
import { type Action, type Principal, grantsFor } from './permissions';

/**
 * A WHERE condition on `organizations` matching exactly the organisations where `can()` would
 * allow the action, so lists filter inside SQL before ordering and paging.
 * A subtree prefix matches strict descendants only; the owner itself needs an own role.
 */
export function organizationScope(principal: Principal, action: Action): SQL {
  const { all, ownIds, subtreePrefixes } = grantsFor(principal, action);
  if (all) return sql`true`;
  const parts: SQL[] = [];
  if (ownIds.length) parts.push(inArray(organizations.id, ownIds));
  for (const prefix of subtreePrefixes) {
    parts.push(sql`(${like(organizations.path, `${escapeLike(prefix)}%`)} and ${organizations.path} <> ${prefix})`);
  }
  return parts.length ? or(...parts)! : sql`false`;
}

