import 'server-only';
import { type SQL, and, asc, desc, eq, gt, inArray, like, lt, sql } from 'drizzle-orm';
import { auditEvents, organizations } from '@/db/schema';
import { type Principal, can } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import { depthFirst } from '@/lib/organizations/queries';
import type { AuditFilters } from './filters';

export type { AuditFilters } from './filters';

export const AUDIT_PAGE_SIZE = 50;
/** Calendar days in the filters are Vietnam days. */
export const AUDIT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** One audit row as pages see it: named columns only, and only a short prefix of the hash. */
export type AuditEventRow = {
  id: number;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  organizationId: string | null;
  organizationName: string | null;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  hashPrefix: string;
};

export type AuditPage = {
  events: AuditEventRow[];
  /** Cursor for the next (older) page, when there is one. */
  olderBefore: number | null;
  /** Cursor for the previous (newer) page, when the viewer is not on the newest page. */
  newerAfter: number | null;
};

/**
 * The audit rows the principal may read, newest first, 50 a page (keyset on id).
 * Administrators read everything, including rows tied to no organisation (sign-ins, accounts);
 * others with `audit.view` read rows of the organisations in their scope, filtered in SQL before
 * ordering and paging; everyone else reads nothing.
 */
export async function listAuditEvents(
  db: Db,
  principal: Principal,
  filters: AuditFilters = {},
  options: { pageSize?: number } = {},
): Promise<AuditPage> {
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE;
  const empty: AuditPage = { events: [], olderBefore: null, newerAfter: null };
  if (!can(principal, 'audit.view')) return empty;

  const conditions: SQL[] = [];
  if (!principal.isAdmin) {
    const scoped = db
      .select({ id: organizations.id })
      .from(organizations)
      .where(organizationScope(principal, 'audit.view'));
    conditions.push(inArray(auditEvents.organizationId, scoped));
  }
  if (filters.action) conditions.push(like(auditEvents.action, `${escapeLike(filters.action)}%`));
  if (filters.actor) {
    conditions.push(
      sql`unaccent(coalesce(${auditEvents.actorName}, '')) ilike '%' || unaccent(${escapeLike(filters.actor)}) || '%'`,
    );
  }
  if (filters.organizationId) conditions.push(eq(auditEvents.organizationId, filters.organizationId));
  if (filters.from) {
    conditions.push(sql`${auditEvents.occurredAt} >= ((${filters.from}::date)::timestamp at time zone ${AUDIT_TIME_ZONE})`);
  }
  if (filters.to) {
    conditions.push(sql`${auditEvents.occurredAt} < ((${filters.to}::date + 1)::timestamp at time zone ${AUDIT_TIME_ZONE})`);
  }
  const newerFirst = filters.after === undefined;
  if (filters.before !== undefined) conditions.push(lt(auditEvents.id, filters.before));
  if (filters.after !== undefined) conditions.push(gt(auditEvents.id, filters.after));

  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorId: auditEvents.actorId,
      actorName: auditEvents.actorName,
      action: auditEvents.action,
      organizationId: auditEvents.organizationId,
      organizationName: organizations.name,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      ip: sql<string | null>`host(${auditEvents.ip})`,
      details: auditEvents.details,
      hashPrefix: sql<string>`left(${auditEvents.hash}, 12)`,
    })
    .from(auditEvents)
    .leftJoin(organizations, eq(organizations.id, auditEvents.organizationId))
    .where(and(...conditions))
    // Paging backwards (`after`) reads oldest-first from the cursor, then flips the page.
    .orderBy(newerFirst ? desc(auditEvents.id) : asc(auditEvents.id))
    .limit(pageSize + 1);

  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (!newerFirst) page.reverse();
  const events = page.map((r) => ({ ...r, details: r.details ?? {} }));
  if (events.length === 0) return empty;
  return {
    events,
    olderBefore: newerFirst ? (more ? events.at(-1)!.id : null) : events.at(-1)!.id,
    newerAfter: newerFirst ? (filters.before !== undefined ? events[0]!.id : null) : more ? events[0]!.id : null,
  };
}

/** Organisations whose audit rows the principal may read (for the filter), parents first. */
export async function auditOrganizations(db: Db, principal: Principal) {
  if (!can(principal, 'audit.view')) return [];
  const rows = await db
    .select({ id: organizations.id, parentId: organizations.parentId, name: organizations.name, depth: organizations.depth })
    .from(organizations)
    .where(principal.isAdmin ? sql`true` : organizationScope(principal, 'audit.view'))
    .orderBy(asc(organizations.depth), asc(organizations.name));
  return depthFirst(rows);
}

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
