import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, organizations, sessions, users } from '@/db/schema';
import { passwordProblem, verifyPassword } from '@/lib/auth/password';
import { resolveSession } from '@/lib/auth/sessions';
import { loadViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import { viewerFor } from '@/lib/test/fixtures';
import {
  USERS_PAGE_SIZE,
  addMembership,
  createUser,
  generateTemporaryPassword,
  listUsers,
  organizationOptions,
  removeMembership,
  resetUserPassword,
  revokeAllSessions,
  setUserAdmin,
  setUserDisabled,
  updateUserProfile,
  userDetail,
} from './admin';

async function secretsOf(userId: string) {
  const [row] = await getDb()
    .select({ passwordHash: users.passwordHash, mustChangePassword: users.mustChangePassword, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  return row!;
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function organizationId(name: string) {
  const [row] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return row!.id;
}

describe('creating users', () => {
  it('creates a user with a generated temporary password that must be changed', async () => {
    const db = getDb();
    const created = await db.transaction((tx) => createUser(tx, { name: 'Đỗ Thị Ngọc Ánh', email: 'Anh.Do@Quorum.local' }));
    expect(created.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const secrets = await secretsOf(created.id);
    expect(secrets.mustChangePassword).toBe(true);
    expect(await verifyPassword(secrets.passwordHash, created.temporaryPassword!)).toBe(true);

    const detail = await userDetail(db, created.id);
    expect(detail).toMatchObject({ name: 'Đỗ Thị Ngọc Ánh', email: 'anh.do@quorum.local', isAdmin: false, disabledAt: null });
    expect(detail!.memberships).toEqual([]);
    expect(detail!.sessions).toEqual({ active: 0, lastSeenAt: null });
    expect(Object.keys(detail!)).not.toContain('passwordHash');
    expect(Object.keys(detail!)).not.toContain('totpSecret');
  });

  it('accepts a strong initial password and refuses a weak one', async () => {
    const db = getDb();
    const created = await createUser(db, { name: 'Hoàng Minh Khoa', email: 'khoa@quorum.local', password: 'lúa chín vàng đồng quê' });
    expect(created.temporaryPassword).toBeUndefined();
    const secrets = await secretsOf(created.id);
    expect(secrets.mustChangePassword).toBe(true);
    expect(await verifyPassword(secrets.passwordHash, 'lúa chín vàng đồng quê')).toBe(true);

    const weak = await appErrorOf(createUser(db, { name: 'Hoàng Minh Khoa', email: 'khoa2@quorum.local', password: 'password123' }));
    expect(weak.options).toMatchObject({ field: 'password' });
    expect(weak.options.messageKey).toMatch(/^validation\.password_/);
  });

  it('generates strong, different temporary passwords', () => {
    const a = generateTemporaryPassword();
    const b = generateTemporaryPassword();
    expect(a).not.toBe(b);
    expect(passwordProblem(a)).toBeUndefined();
  });

  it('refuses an e-mail already in use, whatever its case, on create and on edit', async () => {
    const db = getDb();
    const duplicate = await appErrorOf(
      db.transaction((tx) => createUser(tx, { name: 'Người Trùng', email: 'SECRETARY@quorum.local' })),
    );
    expect(duplicate.code).toBe('CONFLICT');
    expect(duplicate.options).toMatchObject({ field: 'email', messageKey: 'EMAIL_TAKEN' });

    const { id } = await createUser(db, { name: 'Phạm Văn Bình', email: 'binh@quorum.local' });
    const onEdit = await appErrorOf(updateUserProfile(db, id, { name: 'Phạm Văn Bình', email: 'Deputy@Quorum.Local' }));
    expect(onEdit.options).toMatchObject({ field: 'email', messageKey: 'EMAIL_TAKEN' });

    // Keeping one's own address (in another case) is not a clash.
    expect(await updateUserProfile(db, id, { name: 'Phạm Văn Bình', email: 'BINH@quorum.local' })).toEqual({ changed: [] });
    expect(await updateUserProfile(db, id, { name: 'Phạm Văn Bình (VP)', email: 'vanphong@quorum.local' })).toEqual({
      changed: ['name', 'email'],
    });
    expect(await userDetail(db, id)).toMatchObject({ name: 'Phạm Văn Bình (VP)', email: 'vanphong@quorum.local' });
  });
});

describe('disabling, sessions and passwords', () => {
  it('ends every session of a disabled user in the same transaction, and not for oneself', async () => {
    const db = getDb();
    const admin = await viewerFor('admin@quorum.local');
    const deputy = await viewerFor('deputy@quorum.local');
    const otherSession = (await viewerFor('deputy@quorum.local')).sessionId;
    expect(await resolveSession(db, deputy.sessionId)).toBe(deputy.id);
    expect((await userDetail(db, deputy.id))!.sessions.active).toBeGreaterThanOrEqual(2);

    const result = await db.transaction((tx) => setUserDisabled(tx, admin.id, deputy.id, true));
    expect(result).toEqual({ changed: true, sessionsRevoked: 2 });
    expect(await resolveSession(db, deputy.sessionId)).toBeUndefined();
    expect(await resolveSession(db, otherSession)).toBeUndefined();
    const [row] = await db.select({ revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.id, deputy.sessionId));
    expect(row!.revokedAt).not.toBeNull();
    expect((await secretsOf(deputy.id)).disabledAt).not.toBeNull();
    expect((await listUsers(db, { q: 'deputy@', status: 'disabled' })).rows.map((r) => r.id)).toEqual([deputy.id]);
    expect((await listUsers(db, { q: 'deputy@', status: 'active' })).rows).toEqual([]);

    // Enabling again does not bring the old sessions back.
    expect(await setUserDisabled(db, admin.id, deputy.id, false)).toEqual({ changed: true, sessionsRevoked: 0 });
    expect(await resolveSession(db, deputy.sessionId)).toBeUndefined();
    expect((await secretsOf(deputy.id)).disabledAt).toBeNull();

    const self = await appErrorOf(setUserDisabled(db, admin.id, admin.id, true));
    expect(self.options.messageKey).toBe('CANNOT_DISABLE_SELF');
    expect(await resolveSession(db, admin.sessionId)).toBe(admin.id);
  });

  it('resets a password to a one-time temporary password and ends the sessions', async () => {
    const db = getDb();
    const admin = await viewerFor('admin@quorum.local');
    const member = await viewerFor('member@quorum.local');
    const before = await secretsOf(member.id);

    const { temporaryPassword, sessionsRevoked } = await db.transaction((tx) => resetUserPassword(tx, admin.id, member.id));
    expect(sessionsRevoked).toBe(1);
    expect(await resolveSession(db, member.sessionId)).toBeUndefined();
    const after = await secretsOf(member.id);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(true);
    expect(await verifyPassword(after.passwordHash, temporaryPassword)).toBe(true);
    expect(await verifyPassword(after.passwordHash, 'quorum-demo')).toBe(false);

    const own = await appErrorOf(resetUserPassword(db, admin.id, admin.id));
    expect(own.options.messageKey).toBe('adminUsers.errors.resetOwnPassword');
  });

  it('revokes all sessions, keeping the current one on one’s own account', async () => {
    const db = getDb();
    const admin = await viewerFor('admin@quorum.local');
    const adminElsewhere = await viewerFor('admin@quorum.local');
    await revokeAllSessions(db, admin.id, admin.sessionId);
    expect(await resolveSession(db, admin.sessionId)).toBe(admin.id);
    expect(await resolveSession(db, adminElsewhere.sessionId)).toBeUndefined();

    const clerk = await viewerFor('clerk@quorum.local');
    await revokeAllSessions(db, clerk.id);
    expect(await resolveSession(db, clerk.sessionId)).toBeUndefined();
  });

  it('grants and withdraws administration, never on oneself', async () => {
    const db = getDb();
    const admin = await viewerFor('admin@quorum.local');
    const clerk = await viewerFor('clerk@quorum.local');
    expect(await setUserAdmin(db, admin.id, clerk.id, true)).toEqual({ changed: true });
    expect((await loadViewer(db, clerk.sessionId))!.isAdmin).toBe(true);
    expect(await setUserAdmin(db, admin.id, clerk.id, false)).toEqual({ changed: true });
    expect((await loadViewer(db, clerk.sessionId))!.isAdmin).toBe(false);
    const self = await appErrorOf(setUserAdmin(db, admin.id, admin.id, false));
    expect(self.options.messageKey).toBe('adminUsers.errors.changeOwnAdmin');
  });
});

describe('memberships', () => {
  it('adds and removes a role, refusing duplicates and unknown organisations', async () => {
    const db = getDb();
    const member = await viewerFor('member@quorum.local');
    const cell = await organizationId('Chi bộ thôn Bãi Giữa');
    const input = { userId: member.id, organizationId: cell, role: 'clerk' as const };

    await db.transaction((tx) => addMembership(tx, input));
    const viewer = await loadViewer(db, member.sessionId);
    expect(viewer!.memberships).toContainEqual(expect.objectContaining({ organizationId: cell, role: 'clerk' }));
    expect((await userDetail(db, member.id))!.memberships).toContainEqual({
      organizationId: cell,
      organizationName: 'Chi bộ thôn Bãi Giữa',
      role: 'clerk',
    });

    const duplicate = await appErrorOf(addMembership(db, input));
    expect(duplicate.options).toMatchObject({ field: 'role', messageKey: 'ALREADY_MEMBER' });
    const unknownOrg = await appErrorOf(
      addMembership(db, { ...input, organizationId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknownOrg.code).toBe('NOT_FOUND');

    await db.transaction((tx) => removeMembership(tx, input));
    const rows = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, member.id), eq(memberships.organizationId, cell)));
    expect(rows).toEqual([]);
    expect((await appErrorOf(removeMembership(db, input))).code).toBe('NOT_FOUND');
  });

  it('offers the whole organisation tree, parents before children', async () => {
    const options = await organizationOptions(getDb());
    const names = options.map((o) => o.name);
    expect(names[0]).toBe('Tỉnh ủy Hà Nam');
    expect(names.indexOf('Huyện ủy Kim Bảng')).toBeLessThan(names.indexOf('Đảng ủy xã Tân Sơn'));
    expect(names.indexOf('Đảng ủy xã Tân Sơn')).toBeLessThan(names.indexOf('Chi bộ thôn Đồng Tâm'));
    expect(names).toContain('Chi bộ thôn Ninh Tào');
  });
});

describe('listing and searching users', () => {
  it('finds a name with or without diacritics and in any case', async () => {
    const db = getDb();
    for (const q of ['tran van thang', 'Trần Văn Thắng', 'TRẦN VĂN THẮNG', '  tran   VAN thang ']) {
      const { rows } = await listUsers(db, { q });
      expect(rows.map((r) => r.email), q).toContain('secretary@quorum.local');
      for (const row of rows) expect(row.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase()).toContain('tran van thang');
    }
    // Đ folds to d, upper or lower case.
    for (const q of ['dang', 'ĐẶNG', 'đặng']) {
      const { rows } = await listUsers(db, { q });
      expect(rows.some((r) => r.name.startsWith('Đặng')), q).toBe(true);
    }
  });

  it('searches e-mail addresses, treats % and _ literally, and shows roles with organisations', async () => {
    const db = getDb();
    const { rows, total } = await listUsers(db, { q: 'SECRETARY@QUORUM' });
    expect(total).toBe(1);
    expect(rows[0]!.name).toBe('Trần Văn Thắng');
    expect(rows[0]!.memberships).toContainEqual({
      organizationId: await organizationId('Huyện ủy Kim Bảng'),
      organizationName: 'Huyện ủy Kim Bảng',
      role: 'secretary',
    });
    expect(Object.keys(rows[0]!)).not.toContain('passwordHash');
    expect((await listUsers(db, { q: '%' })).total).toBe(0);
    expect((await listUsers(db, { q: '_' })).total).toBe(0);
  });

  it('pages through everyone 50 at a time', async () => {
    const db = getDb();
    const first = await listUsers(db, {});
    expect(first.total).toBeGreaterThan(USERS_PAGE_SIZE);
    expect(first.rows).toHaveLength(USERS_PAGE_SIZE);
    expect(first.pageCount).toBe(Math.ceil(first.total / USERS_PAGE_SIZE));
    const second = await listUsers(db, { page: 2 });
    const firstIds = new Set(first.rows.map((r) => r.id));
    expect(second.rows.length).toBeGreaterThan(0);
    expect(second.rows.some((r) => firstIds.has(r.id))).toBe(false);
    const beyond = await listUsers(db, { page: first.pageCount + 1 });
    expect(beyond.rows).toEqual([]);
  });
});
