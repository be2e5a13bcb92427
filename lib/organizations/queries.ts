import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { bodies, bodySeats, memberships, organizations, users } from '@/db/schema';
import { can, type Principal } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';

const organizationColumns = {
  id: organizations.id,
  parentId: organizations.parentId,
  kind: organizations.kind,
  name: organizations.name,
  code: organizations.code,
  currentTerm: organizations.currentTerm,
  path: organizations.path,
  depth: organizations.depth,
};

export type OrganizationSummary = {
  id: string;
  parentId: string | null;
  kind: (typeof organizations.kind.enumValues)[number];
  name: string;
  code: string;
  currentTerm: string;
  path: string;
  depth: number;
};

/** Organisations the principal may view, as a depth-first list (parents before children). */
export async function visibleOrganizations(db: Db, principal: Principal): Promise<OrganizationSummary[]> {
  const rows = await db
    .select(organizationColumns)
    .from(organizations)
    .where(organizationScope(principal, 'organization.view'))
    .orderBy(asc(organizations.depth), asc(organizations.name));
  return depthFirst(rows);
}

/** Orders a flat list so each organisation follows its parent; orphans (parent hidden) start new roots. */
export function depthFirst<T extends { id: string; parentId: string | null }>(rows: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const key = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const out: T[] = [];
  const visit = (parent: string | null) => {
    for (const row of children.get(parent) ?? []) {
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return out;
}

/** One organisation, or undefined when it does not exist or the principal may not view it. */
export async function viewableOrganization(db: Db, principal: Principal, id: string) {
  const [row] = await db.select(organizationColumns).from(organizations).where(eq(organizations.id, id));
  if (!row || !can(principal, 'organization.view', { organizationPath: row.path })) return undefined;
  return row;
}

export async function organizationByIdForAdmin(db: Db, id: string) {
  const [row] = await db.select(organizationColumns).from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function childOrganizations(db: Db, parentId: string) {
  return db
    .select(organizationColumns)
    .from(organizations)
    .where(eq(organizations.parentId, parentId))
    .orderBy(asc(organizations.name));
}

/** Leadership bodies of an organisation with their seats (names, titles and statuses). */
export async function bodiesWithSeats(db: Db, organizationId: string) {
  const rows = await db
    .select({
      bodyId: bodies.id,
      bodyKind: bodies.kind,
      bodyName: bodies.name,
      quorumNumerator: bodies.quorumNumerator,
      quorumDenominator: bodies.quorumDenominator,
      userId: bodySeats.userId,
      userName: users.name,
      title: bodySeats.title,
      status: bodySeats.status,
    })
    .from(bodies)
    .leftJoin(bodySeats, eq(bodySeats.bodyId, bodies.id))
    .leftJoin(users, eq(users.id, bodySeats.userId))
    .where(eq(bodies.organizationId, organizationId))
    .orderBy(asc(bodies.kind), asc(bodySeats.createdAt), asc(users.name));
  const grouped = new Map<
    string,
    {
      id: string;
      kind: typeof rows[number]['bodyKind'];
      name: string;
      quorumNumerator: number;
      quorumDenominator: number;
      seats: { userId: string; name: string; title: string | null; status: NonNullable<typeof rows[number]['status']> }[];
    }
  >();
  for (const r of rows) {
    const body = grouped.get(r.bodyId) ?? {
      id: r.bodyId,
      kind: r.bodyKind,
      name: r.bodyName,
      quorumNumerator: r.quorumNumerator,
      quorumDenominator: r.quorumDenominator,
      seats: [],
    };
    if (r.userId && r.userName && r.status) body.seats.push({ userId: r.userId, name: r.userName, title: r.title, status: r.status });
    grouped.set(r.bodyId, body);
  }
  return [...grouped.values()];
}

/** People holding a role in the organisation (for those allowed `organization.roster.view`). */
export async function roster(db: Db, organizationId: string) {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.role), asc(users.name));
}

/** The seats a user holds, with body and organisation names, for their home page. */
export async function seatsOfUser(db: Db, userId: string) {
  return db
    .select({
      organizationId: organizations.id,
      organizationName: organizations.name,
      bodyName: bodies.name,
      bodyKind: bodies.kind,
      title: bodySeats.title,
      status: bodySeats.status,
    })
    .from(bodySeats)
    .innerJoin(bodies, eq(bodies.id, bodySeats.bodyId))
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(bodySeats.userId, userId)))
    .orderBy(asc(organizations.depth), asc(bodies.kind));
}
