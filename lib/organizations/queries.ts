import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  type MembershipRole,
  type SeatStatus,
  bodies,
  bodySeats,
  membershipRole,
  memberships,
  organizations,
  users,
} from '@/db/schema';
import { can, type Principal } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import { UNCOUNTED_SEAT_STATUSES, smallestMajority } from '@/lib/meetings/quorum';

/** The organisation columns pages use (never more). */
export const organizationColumns = {
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

/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê …). The database's own collation may be
 * byte order (C.UTF-8 puts Đ after Z), so short display lists are sorted here.
 */
const vietnamese = new Intl.Collator('vi');

export function compareVietnamese(a: string, b: string) {
  return vietnamese.compare(a, b);
}

/** Personal names the Vietnamese way: by given name (the last word), then by the full name. */
export function compareVietnameseNames(a: string, b: string) {
  const given = (name: string) => name.trim().split(/\s+/).at(-1) ?? '';
  return vietnamese.compare(given(a), given(b)) || vietnamese.compare(a, b);
}

/** Known titles first (Bí thư, Phó Bí thư), then everyone else. */
function titleRank(title: string | null) {
  const t = (title ?? '').trim().toLocaleLowerCase('vi');
  return t === 'bí thư' ? 0 : t === 'phó bí thư' ? 1 : 2;
}

/**
 * Whether a seat is in a body's count of members (Regulation 24-QĐ/TW §9.3). Exempted members are
 * counted here: they drop out only when absent, which is a matter for each meeting.
 */
export function isCountedSeat(status: SeatStatus) {
  return !UNCOUNTED_SEAT_STATUSES.includes(status);
}

/** The fewest members present that is more than numerator/denominator of the counted members. */
export function quorumMinimum(counted: number, numerator: number, denominator: number) {
  return counted <= 0 ? 0 : smallestMajority(counted, { numerator, denominator });
}

/** Ancestors of an organisation (root first) that the principal may view; the others are left out. */
export async function viewableAncestors(db: Db, principal: Principal, path: string): Promise<OrganizationSummary[]> {
  const ids = path.split('/').filter(Boolean).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.select(organizationColumns).from(organizations).where(inArray(organizations.id, ids));
  return rows
    .filter((row) => can(principal, 'organization.view', { organizationPath: row.path }))
    .sort((a, b) => a.depth - b.depth);
}

/** Direct children of an organisation that the principal may view (permission filter in SQL). */
export async function viewableChildren(db: Db, principal: Principal, parentId: string): Promise<OrganizationSummary[]> {
  const rows = await db
    .select(organizationColumns)
    .from(organizations)
    .where(and(eq(organizations.parentId, parentId), organizationScope(principal, 'organization.view')));
  return rows.sort((a, b) => compareVietnamese(a.name, b.name));
}

const ROLE_ORDER = membershipRole.enumValues;

export type RosterEntry = { userId: string; name: string; roles: MembershipRole[] };

const organizationIdSchema = z.guid();

/**
 * Everything the organisation page shows, or undefined when the id is malformed, unknown or not
 * viewable (all answer 404). The roster, and each seat's status, are null unless the principal may
 * see the roster.
 */
export async function organizationDetail(db: Db, principal: Principal, id: string) {
  const parsed = organizationIdSchema.safeParse(id);
  if (!parsed.success) return undefined;
  const organization = await viewableOrganization(db, principal, parsed.data);
  if (!organization) return undefined;
  const canViewRoster = can(principal, 'organization.roster.view', { organizationPath: organization.path });
  // One after another: `db` may be a transaction, whose single connection runs one query at a time.
  const ancestors = await viewableAncestors(db, principal, organization.path);
  const children = await viewableChildren(db, principal, organization.id);
  const bodyRows = await bodiesWithSeats(db, organization.id);
  const people = canViewRoster ? await roster(db, organization.id) : undefined;
  const bodyList = bodyRows.map((body) => {
    body.seats.sort((a, b) => titleRank(a.title) - titleRank(b.title) || compareVietnameseNames(a.name, b.name));
    const counted = body.seats.filter((seat) => isCountedSeat(seat.status)).length;
    // A seat's status (suspended, exempted…) is personal: only those who may see the roster get it.
    const seats = body.seats.map((seat) => ({ ...seat, status: canViewRoster ? seat.status : null }));
    return {
      ...body,
      seats,
      counted,
      quorumMinimum: quorumMinimum(counted, body.quorumNumerator, body.quorumDenominator),
    };
  });
  let rosterEntries: RosterEntry[] | null = null;
  if (people) {
    const byUser = new Map<string, RosterEntry>();
    for (const p of people) {
      const entry = byUser.get(p.userId) ?? { userId: p.userId, name: p.name, roles: [] };
      entry.roles.push(p.role);
      byUser.set(p.userId, entry);
    }
    // Highest role first (the enum lists roles from secretary down), then by name.
    const rank = (entry: RosterEntry) => Math.min(...entry.roles.map((role) => ROLE_ORDER.indexOf(role)));
    rosterEntries = [...byUser.values()].sort((a, b) => rank(a) - rank(b) || compareVietnameseNames(a.name, b.name));
  }
  return { organization, ancestors, children, bodies: bodyList, roster: rosterEntries };
}

export type OrganizationDetail = NonNullable<Awaited<ReturnType<typeof organizationDetail>>>;
