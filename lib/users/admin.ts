import 'server-only';
import { randomInt } from 'node:crypto';
import { and, asc, count, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { type MembershipRole, memberships, organizations, sessions, users } from '@/db/schema';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { clearFailures } from '@/lib/auth/throttle';
import type { Db } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import { env } from '@/lib/env';
import { depthFirst } from '@/lib/organizations/queries';
import { AppError, isUniqueViolation } from '@/lib/server/errors';

/**
 * Data access for the administrator's user management (`admin.users.manage`). Callers check the
 * permission; these functions enforce the rules that hold whoever calls them (unique e-mail,
 * no self-lockout). Nothing here returns password hashes or TOTP secrets.
 */

export const USERS_PAGE_SIZE = 50;
export const USER_STATUS_FILTERS = ['all', 'active', 'disabled'] as const;
export type UserStatusFilter = (typeof USER_STATUS_FILTERS)[number];

export type UserMembership = {
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
};

export type UserListRow = {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  disabled: boolean;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  memberships: UserMembership[];
};

export type UserList = { rows: UserListRow[]; total: number; page: number; pageSize: number; pageCount: number };

/** The Postgres error code of a failed query (drizzle wraps the driver error in `cause`). */

/** Search text as typed: NFC (what Postgres' unaccent rules expect), single spaces, bounded. */
export function normalizeSearch(q: string | undefined): string {
  return (q ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 100);
}

/**
 * Accent- and case-insensitive match on name or e-mail. `unaccent` runs before `lower`, so
 * upper-case accented letters (Đ, Ắ…) fold the same way whatever the database's ctype locale.
 */
function searchCondition(q: string): SQL | undefined {
  if (!q) return undefined;
  const pattern = `%${escapeLike(q)}%`;
  return sql`(lower(unaccent(${users.name})) like lower(unaccent(${pattern})) or lower(unaccent(${users.email})) like lower(unaccent(${pattern})))`;
}

function statusCondition(status: UserStatusFilter): SQL | undefined {
  if (status === 'active') return isNull(users.disabledAt);
  if (status === 'disabled') return isNotNull(users.disabledAt);
  return undefined;
}

/** One page of users (50 by default), filtered and ordered in SQL, with their roles. */
export async function listUsers(
  db: Db,
  options: { q?: string; status?: UserStatusFilter; page?: number; pageSize?: number } = {},
): Promise<UserList> {
  const pageSize = options.pageSize ?? USERS_PAGE_SIZE;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const where = and(searchCondition(normalizeSearch(options.q)), statusCondition(options.status ?? 'all'));

  // Sequential, not Promise.all: `db` may be a transaction, whose one connection runs one query at a time.
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isAdmin: users.isAdmin,
      disabledAt: users.disabledAt,
      totpEnabledAt: users.totpEnabledAt,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(where)
    .orderBy(sql`lower(unaccent(${users.name}))`, asc(users.name), asc(users.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(users).where(where);

  const roles = await membershipsOf(db, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      isAdmin: r.isAdmin,
      disabled: Boolean(r.disabledAt),
      totpEnabled: Boolean(r.totpEnabledAt),
      mustChangePassword: r.mustChangePassword,
      memberships: roles.get(r.id) ?? [],
    })),
    total: total!.n,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total!.n / pageSize)),
  };
}

async function membershipsOf(db: Db, userIds: string[]) {
  const out = new Map<string, UserMembership[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({
    userId: memberships.userId,
    organizationId: memberships.organizationId,
    organizationName: organizations.name,
    role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(inArray(memberships.userId, userIds))
    .orderBy(asc(organizations.depth), asc(organizations.name), asc(memberships.role));
  for (const { userId, ...m } of rows) out.set(userId, [...(out.get(userId) ?? []), m]);
  return out;
}

export type UserDetail = {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  disabledAt: Date | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  passwordChangedAt: Date;
  memberships: UserMembership[];
  /** Sessions that would still be accepted now, and the latest activity of any session. */
  sessions: { active: number; lastSeenAt: Date | null };
};

/** One user for the administrator's detail page, or undefined. */
export async function userDetail(db: Db, userId: string): Promise<UserDetail | undefined> {
  const [user] = await db
    .select({
    id: users.id,
    name: users.name,
    email: users.email,
    isAdmin: users.isAdmin,
    disabledAt: users.disabledAt,
    totpEnabledAt: users.totpEnabledAt,
    mustChangePassword: users.mustChangePassword,
    createdAt: users.createdAt,
    passwordChangedAt: users.passwordChangedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return undefined;
  const roles = await membershipsOf(db, [userId]);
  const activity = await sessionActivity(db, userId);
  const { totpEnabledAt, ...rest } = user;
  return { ...rest, totpEnabled: Boolean(totpEnabledAt), memberships: roles.get(userId) ?? [], sessions: activity };
}

/** Live sessions (not revoked, not expired, not idle too long) and the last time any was used. */
export async function sessionActivity(db: Db, userId: string) {
  const idleMinutes = env().SESSION_IDLE_MINUTES;
  const [row] = await db
    .select({
    active: sql<number>`count(*) filter (where ${sessions.revokedAt} is null and ${sessions.expiresAt} > now() and ${sessions.lastSeenAt} > now() - make_interval(mins => ${idleMinutes}::int))`.mapWith(Number),
    lastSeenAt: sql<Date | null>`max(${sessions.lastSeenAt})`.mapWith((v: string | Date | null) => (v ? new Date(v) : null)),
    })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  return { active: row?.active ?? 0, lastSeenAt: row?.lastSeenAt ?? null };
}

export type OrganizationOption = { id: string; name: string; depth: number };

/** The whole organisation tree, depth-first, for the membership select. */
export async function organizationOptions(db: Db): Promise<OrganizationOption[]> {
  const rows = await db
    .select({ id: organizations.id, parentId: organizations.parentId, name: organizations.name, depth: organizations.depth })
    .from(organizations)
    .orderBy(asc(organizations.depth), sql`lower(unaccent(${organizations.name}))`, asc(organizations.name));
  return depthFirst(rows).map(({ id, name, depth }) => ({ id, name, depth }));
}

// No look-alike characters (0/o, 1/l/i), lower case only: easy to read out and type on a tablet.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password: 4 groups of 4 characters from 31 (about 79 bits), from node:crypto. */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

async function assertEmailFree(db: Db, email: string, exceptUserId?: string) {
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), exceptUserId ? ne(users.id, exceptUserId) : undefined));
  if (taken) throw new AppError('CONFLICT', { field: 'email', messageKey: 'EMAIL_TAKEN' });
}

/** A unique violation on users_email_idx (a concurrent insert) reads as "e-mail taken". */
function emailTakenOr(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError('CONFLICT', { field: 'email', messageKey: 'EMAIL_TAKEN' });
  throw error;
}

function assertStrongPassword(password: string, userInputs: string[]) {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw new AppError('VALIDATION_FAILED', { field: 'password', messageKey: `validation.password_${problem}` });
}

export type NewUserInput = { name: string; email: string; password?: string };

/**
 * Creates an account that must choose its own password at first sign-in. Without `password`, a
 * temporary one is generated and returned (once: only its hash is stored).
 */
export async function createUser(db: Db, input: NewUserInput): Promise<{ id: string; temporaryPassword?: string }> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.normalize('NFC').trim();
  await assertEmailFree(db, email);
  if (input.password !== undefined) assertStrongPassword(input.password, [email, name]);
  const temporaryPassword = input.password === undefined ? generateTemporaryPassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  const [row] = await db
    .insert(users)
    .values({ name, email, passwordHash, mustChangePassword: true })
    .returning({ id: users.id })
    .catch(emailTakenOr);
  return { id: row!.id, temporaryPassword };
}

/** Changes name and e-mail; returns which of them actually changed. */
export async function updateUserProfile(db: Db, userId: string, input: { name: string; email: string }) {
  const email = input.email.trim().toLowerCase();
  const name = input.name.normalize('NFC').trim();
  const [current] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  if (!current) throw new AppError('NOT_FOUND');
  const changed: ('name' | 'email')[] = [];
  if (current.name !== name) changed.push('name');
  if (current.email !== email) changed.push('email');
  if (changed.length === 0) return { changed };
  if (changed.includes('email')) await assertEmailFree(db, email, userId);
  await db.update(users).set({ name, email }).where(eq(users.id, userId)).catch(emailTakenOr);
  return { changed };
}

/** Sessions not yet revoked and not expired: what revokeUserSessions is about to end. */
async function openSessionCount(db: Db, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`));
  return row!.n;
}

/**
 * Disables or re-enables an account. Disabling ends every session of the user in the same
 * transaction; nobody can disable themself (so at least one administrator stays able to sign in).
 */
export async function setUserDisabled(db: Db, actorId: string, userId: string, disabled: boolean) {
  if (disabled && actorId === userId) throw new AppError('CONFLICT', { messageKey: 'CANNOT_DISABLE_SELF' });
  const [user] = await db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new AppError('NOT_FOUND');
  const changed = Boolean(user.disabledAt) !== disabled;
  let sessionsRevoked = 0;
  if (changed) {
    await db.update(users).set({ disabledAt: disabled ? sql`now()` : null }).where(eq(users.id, userId));
  }
  if (disabled) {
    sessionsRevoked = await openSessionCount(db, userId);
    await revokeUserSessions(db, userId);
  }
  return { changed, sessionsRevoked };
}

/**
 * Replaces the password with a generated temporary one (returned once), requires a new password
 * at next sign-in, ends every session and lifts a sign-in lock. Not for one's own account (use
 * the account page, which asks for the current password).
 */
export async function resetUserPassword(db: Db, actorId: string, userId: string) {
  if (actorId === userId) throw new AppError('CONFLICT', { messageKey: 'adminUsers.errors.resetOwnPassword' });
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const [user] = await db
    .update(users)
    .set({ passwordHash, mustChangePassword: true, passwordChangedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ email: users.email });
  if (!user) throw new AppError('NOT_FOUND');
  const sessionsRevoked = await openSessionCount(db, userId);
  await revokeUserSessions(db, userId);
  await clearFailures(db, user.email.toLowerCase());
  return { temporaryPassword, sessionsRevoked };
}

/** Ends every session of the user; on one's own account the current session is kept. */
export async function revokeAllSessions(db: Db, userId: string, keepSessionId?: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('NOT_FOUND');
  const open = await openSessionCount(db, userId);
  await revokeUserSessions(db, userId, keepSessionId);
  return { sessionsRevoked: keepSessionId ? Math.max(0, open - 1) : open };
}

export type MembershipInput = { userId: string; organizationId: string; role: MembershipRole };

export async function addMembership(db: Db, input: MembershipInput) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
  const [organization] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!user) throw new AppError('NOT_FOUND');
  if (!organization) throw new AppError('NOT_FOUND', { field: 'organizationId' });
  const inserted = await db
    .insert(memberships)
    .values(input)
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  if (inserted.length === 0) throw new AppError('CONFLICT', { field: 'role', messageKey: 'ALREADY_MEMBER' });
}

export async function removeMembership(db: Db, input: MembershipInput) {
  const deleted = await db
    .delete(memberships)
    .where(
    and(
      eq(memberships.userId, input.userId),
      eq(memberships.organizationId, input.organizationId),
      eq(memberships.role, input.role),
    ),
    )
    .returning({ userId: memberships.userId });
  if (deleted.length === 0) throw new AppError('NOT_FOUND');
}

/** Grants or withdraws system administration; never on one's own account. */
export async function setUserAdmin(db: Db, actorId: string, userId: string, isAdmin: boolean) {
  if (actorId === userId) throw new AppError('CONFLICT', { messageKey: 'adminUsers.errors.changeOwnAdmin' });
  const [user] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new AppError('NOT_FOUND');
  if (user.isAdmin === isAdmin) return { changed: false };
  await db.update(users).set({ isAdmin }).where(eq(users.id, userId));
  return { changed: true };
}

/** Turns a user's second factor off and ends their sessions (a lost or replaced phone). */
export async function resetTwoFactor(db: Db, userId: string) {
  const updated = await db
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (!updated.length) throw new AppError('NOT_FOUND');
  await revokeUserSessions(db, userId);
}
