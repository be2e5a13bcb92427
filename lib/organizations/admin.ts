import 'server-only';
import { and, asc, count, countDistinct, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  type BodyKind,
  type OrganizationKind,
  type SeatStatus,
  bodies,
  bodyKind,
  bodySeats,
  memberships,
  organizationKind,
  organizations,
  seatStatus,
  users,
} from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { AppError, isUniqueViolation } from '@/lib/server/errors';
import { depthFirst, organizationColumns } from './queries';
import { CHILD_KINDS, TreeError, insertOrganization } from './tree';

/* ------------------------------------------------------------------------------------------------
 * Input schemas (one per form; the server actions parse FormData with them)
 * --------------------------------------------------------------------------------------------- */

/** Issuer code (ký hiệu) in document numbers: capital letters (Đ included), digits, hyphens. */
export const CODE_PATTERN = /^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$/;
/** A term such as `2025–2030`; a hyphen is accepted and stored as an en dash. */
const TERM_PATTERN = /^(\d{4})\s*[-–—]\s*(\d{4})$/;

const nameField = z.string().trim().min(1).max(200);
const codeField = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .transform((v) => v.toLocaleUpperCase('vi'))
  .pipe(z.string().regex(CODE_PATTERN, { error: 'v:code_format' }));
const termField = z
  .string()
  .trim()
  .min(1)
  .refine(
    (v) => {
      const m = TERM_PATTERN.exec(v);
      return Boolean(m && Number(m[1]) < Number(m[2]));
    },
    { error: 'v:term_format' },
  )
  .transform((v) => {
    const m = TERM_PATTERN.exec(v);
    return m ? `${m[1]}–${m[2]}` : v;
  });
const idField = z.guid();
const optionalParent = z
  .union([z.literal(''), z.guid()])
  .optional()
  .transform((v) => v || null);
const quorumPart = z.coerce
  .number({ error: 'v:quorum_fraction' })
  .int({ error: 'v:quorum_fraction' })
  .min(1, { error: 'v:quorum_fraction' })
  .max(100, { error: 'v:quorum_fraction' });
const seatTitleField = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || null);

function quorumIsFraction(v: { quorumNumerator: number; quorumDenominator: number }) {
  return v.quorumNumerator < v.quorumDenominator;
}
const quorumRefinement = { path: ['quorumNumerator'], error: 'v:quorum_fraction' };

/**
 * The form names the issuer code `symbol` (ký hiệu), because the action wrapper never echoes
 * fields whose names contain "code" back to the form.
 */
export const createOrganizationSchema = z.object({
  parentId: optionalParent,
  kind: z.enum(organizationKind.enumValues, { error: 'v:choose_one' }),
  name: nameField,
  symbol: codeField,
  currentTerm: termField,
});

export const updateOrganizationSchema = z.object({
  organizationId: idField,
  name: nameField,
  symbol: codeField,
  currentTerm: termField,
});

export const createBodySchema = z
  .object({
    organizationId: idField,
    kind: z.enum(bodyKind.enumValues, { error: 'v:choose_one' }),
    name: nameField,
    quorumNumerator: quorumPart,
    quorumDenominator: quorumPart,
  })
  .refine(quorumIsFraction, quorumRefinement);

export const updateBodySchema = z
  .object({
    organizationId: idField,
    bodyId: idField,
    name: nameField,
    quorumNumerator: quorumPart,
    quorumDenominator: quorumPart,
  })
  .refine(quorumIsFraction, quorumRefinement);

export const addSeatSchema = z.object({
  organizationId: idField,
  bodyId: idField,
  userId: z.guid({ error: 'v:choose_one' }),
  title: seatTitleField,
  status: z.enum(seatStatus.enumValues, { error: 'v:choose_one' }),
});

export const updateSeatSchema = addSeatSchema;

export const removeSeatSchema = z.object({ organizationId: idField, bodyId: idField, userId: idField });

/* ------------------------------------------------------------------------------------------------
 * Rules
 * --------------------------------------------------------------------------------------------- */

/** Which leadership bodies an organisation of each kind may have (one of each at most). */
export const BODY_KINDS: Record<OrganizationKind, BodyKind[]> = {
  provincial_committee: ['executive_committee', 'standing_committee', 'standing_board'],
  district_committee: ['executive_committee', 'standing_committee', 'standing_board'],
  grassroots_committee: ['executive_committee', 'standing_committee', 'standing_board'],
  cell: ['cell_assembly'],
};

/** Kinds that may be created without a parent (the root of a tree). */
export const ROOT_KINDS: OrganizationKind[] = ['provincial_committee'];

export function assertQuorumFraction(numerator: number, denominator: number) {
  const ok =
    Number.isInteger(numerator) && Number.isInteger(denominator) && numerator >= 1 && denominator >= 2 && numerator < denominator;
  if (!ok) throw new AppError('VALIDATION_FAILED', { field: 'quorumNumerator', messageKey: 'validation.quorum_fraction' });
}


/* ------------------------------------------------------------------------------------------------
 * Reads
 * --------------------------------------------------------------------------------------------- */


export type AdminTreeNode = {
  id: string;
  parentId: string | null;
  kind: OrganizationKind;
  name: string;
  code: string;
  currentTerm: string;
  path: string;
  depth: number;
  bodyCount: number;
  memberCount: number;
};

/** Every organisation, depth-first (each after its parent, siblings by name), with counts. */
export async function organizationTreeForAdmin(db: Db): Promise<AdminTreeNode[]> {
  const bodyCounts = db
    .select({ organizationId: bodies.organizationId, n: count().as('body_count') })
    .from(bodies)
    .groupBy(bodies.organizationId)
    .as('body_counts');
  const memberCounts = db
    .select({ organizationId: memberships.organizationId, n: countDistinct(memberships.userId).as('member_count') })
    .from(memberships)
    .groupBy(memberships.organizationId)
    .as('member_counts');
  const rows = await db
    .select({
      ...organizationColumns,
      bodyCount: sql<number>`coalesce(${bodyCounts.n}, 0)`.mapWith(Number),
      memberCount: sql<number>`coalesce(${memberCounts.n}, 0)`.mapWith(Number),
    })
    .from(organizations)
    .leftJoin(bodyCounts, eq(bodyCounts.organizationId, organizations.id))
    .leftJoin(memberCounts, eq(memberCounts.organizationId, organizations.id))
    .orderBy(asc(organizations.depth), asc(organizations.name), asc(organizations.id));
  return depthFirst(rows);
}

/** Active users holding any role in the organisation (who may take a seat on its bodies). */
export async function seatCandidates(db: Db, organizationId: string) {
  return db
    .selectDistinct({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.email));
}

/* ------------------------------------------------------------------------------------------------
 * Organisations
 * --------------------------------------------------------------------------------------------- */

export type OrganizationInput = {
  parentId: string | null;
  kind: OrganizationKind;
  name: string;
  code: string;
  currentTerm: string;
};

/** Creates an organisation under a parent of a kind that may hold it (or a root committee). */
export async function createOrganization(db: Db, input: OrganizationInput) {
  if (!input.parentId && !ROOT_KINDS.includes(input.kind)) {
    throw new AppError('VALIDATION_FAILED', { field: 'parentId', messageKey: 'adminOrganizations.errors.parentRequired' });
  }
  try {
    return await insertOrganization(db, input);
  } catch (error) {
    if (error instanceof TreeError) {
      throw new AppError('VALIDATION_FAILED', {
        field: error.code === 'PARENT_NOT_FOUND' ? 'parentId' : 'kind',
        messageKey: error.code,
      });
    }
    throw error;
  }
}

/** Kinds that may be created directly under a parent of this kind (or at the root). */
export function childKindsOf(parentKind: OrganizationKind | null): OrganizationKind[] {
  return parentKind ? CHILD_KINDS[parentKind] : ROOT_KINDS;
}

/** Renames an organisation or changes its code or current term; returns the values before and after. */
export async function updateOrganization(
  db: Db,
  id: string,
  input: { name: string; code: string; currentTerm: string },
) {
  const [before] = await db
    .select({ name: organizations.name, code: organizations.code, currentTerm: organizations.currentTerm })
    .from(organizations)
    .where(eq(organizations.id, id))
    .for('update');
  if (!before) throw new AppError('NOT_FOUND');
  await db
    .update(organizations)
    .set({ name: input.name, code: input.code, currentTerm: input.currentTerm, updatedAt: new Date() })
    .where(eq(organizations.id, id));
  return { before, after: input };
}

/* ------------------------------------------------------------------------------------------------
 * Bodies
 * --------------------------------------------------------------------------------------------- */

export type BodyInput = {
  organizationId: string;
  kind: BodyKind;
  name: string;
  quorumNumerator: number;
  quorumDenominator: number;
};

/** Adds a leadership body; one of each kind per organisation, of a kind that fits the organisation. */
export async function createBody(db: Db, input: BodyInput) {
  const [org] = await db
    .select({ kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!org) throw new AppError('NOT_FOUND');
  if (!BODY_KINDS[org.kind].includes(input.kind)) {
    throw new AppError('VALIDATION_FAILED', { field: 'kind', messageKey: 'adminOrganizations.errors.bodyKindNotAllowed' });
  }
  assertQuorumFraction(input.quorumNumerator, input.quorumDenominator);
  const [existing] = await db
    .select({ id: bodies.id })
    .from(bodies)
    .where(and(eq(bodies.organizationId, input.organizationId), eq(bodies.kind, input.kind)));
  if (existing) throw new AppError('CONFLICT', { field: 'kind', messageKey: 'BODY_EXISTS' });
  try {
    const [row] = await db.insert(bodies).values(input).returning({ id: bodies.id });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { field: 'kind', messageKey: 'BODY_EXISTS' });
    throw error;
  }
}

/** A body of the given organisation (the pair is checked together), locked for the change. */
async function bodyOf(db: Db, organizationId: string, bodyId: string) {
  const [body] = await db
    .select({
      id: bodies.id,
      kind: bodies.kind,
      name: bodies.name,
      quorumNumerator: bodies.quorumNumerator,
      quorumDenominator: bodies.quorumDenominator,
    })
    .from(bodies)
    .where(and(eq(bodies.id, bodyId), eq(bodies.organizationId, organizationId)))
    .for('update');
  if (!body) throw new AppError('NOT_FOUND');
  return body;
}

/** Renames a body or changes its quorum fraction; returns the values before and after. */
export async function updateBody(
  db: Db,
  input: { organizationId: string; bodyId: string; name: string; quorumNumerator: number; quorumDenominator: number },
) {
  const body = await bodyOf(db, input.organizationId, input.bodyId);
  assertQuorumFraction(input.quorumNumerator, input.quorumDenominator);
  const after = { name: input.name, quorumNumerator: input.quorumNumerator, quorumDenominator: input.quorumDenominator };
  await db.update(bodies).set(after).where(eq(bodies.id, body.id));
  const before = { name: body.name, quorumNumerator: body.quorumNumerator, quorumDenominator: body.quorumDenominator };
  return { kind: body.kind, before, after };
}

/* ------------------------------------------------------------------------------------------------
 * Seats
 * --------------------------------------------------------------------------------------------- */

export type SeatInput = {
  organizationId: string;
  bodyId: string;
  userId: string;
  title: string | null;
  status: SeatStatus;
};

/** Seats a person who holds a role in the body's organisation; a person sits once per body. */
export async function addSeat(db: Db, input: SeatInput) {
  const body = await bodyOf(db, input.organizationId, input.bodyId);
  const [candidate] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organizationId, input.organizationId), eq(memberships.userId, input.userId), isNull(users.disabledAt)),
    )
    .limit(1);
  if (!candidate) {
    throw new AppError('VALIDATION_FAILED', { field: 'userId', messageKey: 'adminOrganizations.errors.notMember' });
  }
  const [existing] = await db
    .select({ userId: bodySeats.userId })
    .from(bodySeats)
    .where(and(eq(bodySeats.bodyId, body.id), eq(bodySeats.userId, input.userId)));
  if (existing) throw new AppError('CONFLICT', { field: 'userId', messageKey: 'ALREADY_SEATED' });
  try {
    await db.insert(bodySeats).values({ bodyId: body.id, userId: input.userId, title: input.title, status: input.status });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { field: 'userId', messageKey: 'ALREADY_SEATED' });
    throw error;
  }
  return { bodyKind: body.kind };
}

/** Changes a seat's title or status (e.g. temporarily transferred); returns before and after. */
export async function updateSeat(db: Db, input: SeatInput) {
  const body = await bodyOf(db, input.organizationId, input.bodyId);
  const [before] = await db
    .select({ title: bodySeats.title, status: bodySeats.status })
    .from(bodySeats)
    .where(and(eq(bodySeats.bodyId, body.id), eq(bodySeats.userId, input.userId)))
    .for('update');
  if (!before) throw new AppError('NOT_FOUND');
  const after = { title: input.title, status: input.status };
  await db
    .update(bodySeats)
    .set(after)
    .where(and(eq(bodySeats.bodyId, body.id), eq(bodySeats.userId, input.userId)));
  return { bodyKind: body.kind, before, after };
}

/** Takes a person off a body; returns the seat as it was. */
export async function removeSeat(db: Db, input: { organizationId: string; bodyId: string; userId: string }) {
  const body = await bodyOf(db, input.organizationId, input.bodyId);
  const [removed] = await db
    .delete(bodySeats)
    .where(and(eq(bodySeats.bodyId, body.id), eq(bodySeats.userId, input.userId)))
    .returning({ title: bodySeats.title, status: bodySeats.status });
  if (!removed) throw new AppError('NOT_FOUND');
  return { bodyKind: body.kind, removed };
}
