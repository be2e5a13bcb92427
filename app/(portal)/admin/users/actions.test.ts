import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { organizations, users } from '@/db/schema';
import { resolveSession } from '@/lib/auth/sessions';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';
import adminUsersVi from '@/lib/i18n/messages/vi/adminUsers.json';
import errorsVi from '@/lib/i18n/messages/vi/errors.json';
import { addMembership, createUser, disableUser, grantAdmin, resetPassword, resetTwoFactor, updateUser } from './actions';

// The actions run as in a request: the signed-in viewer and the translations are the only stand-ins.
const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  getRequestMeta: async () => TEST_META,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async () => createTranslator({ locale: 'vi', messages }) };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const vi_ = { errors: errorsVi, adminUsers: adminUsersVi };



let admin: Viewer;
let member: Viewer;
beforeAll(async () => {
  admin = await viewerFor('admin@quorum.local');
  member = await viewerFor('member@quorum.local');
});

describe('user administration actions', () => {
  it('refuse everyone but administrators with "not found"', async () => {
    request.viewer = member;
    const state = await createUser(initialActionState, form({ name: 'X', email: 'x@quorum.local', passwordMode: 'generate' }));
    expect(state).toMatchObject({ ok: false, message: vi_.errors.NOT_FOUND });
    const [row] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, 'x@quorum.local'));
    expect(row).toBeUndefined();
  });

  it('create a user, show the temporary password once and audit without secrets', async () => {
    request.viewer = admin;
    const state = await createUser(
      initialActionState,
      form({ name: 'Vũ Thị Lan', email: 'lan.vu@quorum.local', passwordMode: 'generate', password: '' }),
    );
    expect(state).toMatchObject({ ok: true, message: vi_.adminUsers.create.created });
    expect(state.data?.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const audit = await lastAudit('admin.user.create');
    expect(audit).toMatchObject({ actorId: admin.id, entityType: 'user', entityId: state.data!.userId, details: { passwordGenerated: true } });
    expect(JSON.stringify(audit)).not.toContain(state.data!.temporaryPassword);

    const duplicate = await createUser(
      initialActionState,
      form({ name: 'Vũ Thị Lan', email: 'LAN.VU@quorum.local', passwordMode: 'set', password: 'một mật khẩu rất dài' }),
    );
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { email: vi_.errors.EMAIL_TAKEN } });
    expect(duplicate.values).toEqual({ name: 'Vũ Thị Lan', email: 'LAN.VU@quorum.local' });

    const missing = await createUser(initialActionState, form({ name: 'Vũ Thị Lan', email: 'lan2@quorum.local', passwordMode: 'set' }));
    expect(missing.ok).toBe(false);
    expect(missing.fieldErrors?.password).toBeTruthy();
  });

  it('edit the profile with a field error for a taken e-mail', async () => {
    request.viewer = admin;
    const taken = await updateUser(initialActionState, form({ userId: member.id, name: member.name, email: 'secretary@quorum.local' }));
    expect(taken).toMatchObject({ ok: false, fieldErrors: { email: vi_.errors.EMAIL_TAKEN } });
    const saved = await updateUser(initialActionState, form({ userId: member.id, name: 'Nguyễn Thị Hoa', email: 'hoa@quorum.local' }));
    expect(saved).toMatchObject({ ok: true, message: vi_.adminUsers.profile.saved });
    expect(await lastAudit('admin.user.update')).toMatchObject({ entityId: member.id, details: { changed: ['email'] } });
    await updateUser(initialActionState, form({ userId: member.id, name: 'Nguyễn Thị Hoa', email: 'member@quorum.local' }));
  });

  it('disable another user (ending their sessions) but never oneself', async () => {
    request.viewer = admin;
    const self = await disableUser(initialActionState, form({ userId: admin.id }));
    expect(self).toMatchObject({ ok: false, message: vi_.errors.CANNOT_DISABLE_SELF });

    const clerk = await viewerFor('clerk@quorum.local');
    const state = await disableUser(initialActionState, form({ userId: clerk.id }));
    expect(state).toMatchObject({ ok: true, message: vi_.adminUsers.access.disable.done });
    expect(await resolveSession(getDb(), clerk.sessionId)).toBeUndefined();
    expect(await lastAudit('admin.user.disable')).toMatchObject({ entityId: clerk.id, details: { sessionsRevoked: 1 } });
  });

  it('reset a lost second factor: TOTP off, sessions ended, audited; never for oneself', async () => {
    request.viewer = admin;
    const secretary = await viewerFor('secretary@quorum.local');
    await getDb().update(users).set({ totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: new Date() }).where(eq(users.id, secretary.id));
    const state = await resetTwoFactor(initialActionState, form({ userId: secretary.id }));
    expect(state).toMatchObject({ ok: true, message: vi_.adminUsers.access.totp.done });
    const [row] = await getDb().select({ secret: users.totpSecret, on: users.totpEnabledAt }).from(users).where(eq(users.id, secretary.id));
    expect(row).toEqual({ secret: null, on: null });
    expect(await resolveSession(getDb(), secretary.sessionId)).toBeUndefined();
    expect(await lastAudit('admin.user.reset_totp')).toMatchObject({ entityId: secretary.id });
    expect((await resetTwoFactor(initialActionState, form({ userId: admin.id }))).ok).toBe(false);
  });

  it('reset a password: shown once, not audited', async () => {
    request.viewer = admin;
    const deputy = await viewerFor('deputy@quorum.local');
    const state = await resetPassword(initialActionState, form({ userId: deputy.id }));
    expect(state.ok).toBe(true);
    const audit = await lastAudit('admin.user.reset_password');
    expect(audit).toMatchObject({ entityId: deputy.id, details: { sessionsRevoked: 1 } });
    expect(JSON.stringify(audit)).not.toContain(state.data!.temporaryPassword);
    const own = await resetPassword(initialActionState, form({ userId: admin.id }));
    expect(own).toMatchObject({ ok: false, message: vi_.adminUsers.errors.resetOwnPassword });
  });

  it('add a membership with the organisation in the audit row, and refuse a duplicate', async () => {
    request.viewer = admin;
    const [cell] = await getDb()
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, 'Chi bộ thôn Tân Lang'));
    const input = { userId: member.id, organizationId: cell!.id, role: 'clerk' };
    expect(await addMembership(initialActionState, form(input))).toMatchObject({ ok: true });
    expect(await lastAudit('admin.user.add_membership')).toMatchObject({
      organizationId: cell!.id,
      entityId: member.id,
      details: { role: 'clerk' },
    });
    expect(await addMembership(initialActionState, form(input))).toMatchObject({
      ok: false,
      fieldErrors: { role: vi_.errors.ALREADY_MEMBER },
    });
    const invalid = await addMembership(initialActionState, form({ userId: member.id, organizationId: '', role: '' }));
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(['organizationId', 'role']);
  });

  it('never change one’s own administrator rights', async () => {
    request.viewer = admin;
    const state = await grantAdmin(initialActionState, form({ userId: admin.id }));
    expect(state).toMatchObject({ ok: false, message: vi_.adminUsers.errors.changeOwnAdmin });
  });
});
