'use server';

import { z } from 'zod';
import { membershipRole } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { defineAction } from '@/lib/server/action';
import * as usersAdmin from '@/lib/users/admin';
import { emailField, nameField } from '@/lib/users/schemas';

// Every action here: administrators only (`admin.users.manage`); anyone else gets "not found".
// The wrapper checks `permission` before validation; `authorize` repeats it inside the transaction.
const manage = (viewer: Viewer) => can(viewer, 'admin.users.manage');

const userId = z.uuid();
const pathsFor = (input: { userId: string }) => ['/admin/users', `/admin/users/${input.userId}`];

/** New account; the password is generated (shown once in the result) or set by the admin. */
export const createUser = defineAction({
  name: 'admin.user.create',
  schema: z
    .object({
      name: nameField,
      email: emailField,
      passwordMode: z.enum(['generate', 'set'], { error: 'v:choose_one' }),
      password: z.string().max(256).optional(),
    })
    .refine((v) => v.passwordMode === 'generate' || Boolean(v.password), { path: ['password'], error: 'v:required' }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.create.created',
  revalidate: ['/admin/users', '/'],
  async run({ input, tx, audit }) {
    const created = await usersAdmin.createUser(tx, {
      name: input.name,
      email: input.email,
      password: input.passwordMode === 'set' ? input.password : undefined,
    });
    await audit({
      action: 'admin.user.create',
      entityType: 'user',
      entityId: created.id,
      details: { passwordGenerated: Boolean(created.temporaryPassword) },
    });
    const data: Record<string, string> = { userId: created.id };
    if (created.temporaryPassword) data.temporaryPassword = created.temporaryPassword; // shown once, never stored
    return data;
  },
});

export const updateUser = defineAction({
  name: 'admin.user.update',
  schema: z.object({ userId, name: nameField, email: emailField }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.profile.saved',
  revalidate: pathsFor,
  async run({ input, tx, audit }) {
    const { changed } = await usersAdmin.updateUserProfile(tx, input.userId, input);
    if (changed.length) await audit({ action: 'admin.user.update', entityType: 'user', entityId: input.userId, details: { changed } });
  },
});

/** Disabling ends every session of the user in the same transaction; never on oneself. */
export const disableUser = defineAction({
  name: 'admin.user.disable',
  schema: z.object({ userId }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.access.disable.done',
  revalidate: (input) => [...pathsFor(input), '/'],
  async run({ viewer, input, tx, audit }) {
    const { changed, sessionsRevoked } = await usersAdmin.setUserDisabled(tx, viewer.id, input.userId, true);
    if (changed || sessionsRevoked) {
      await audit({ action: 'admin.user.disable', entityType: 'user', entityId: input.userId, details: { sessionsRevoked } });
    }
  },
});

export const enableUser = defineAction({
  name: 'admin.user.enable',
  schema: z.object({ userId }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.access.enable.done',
  revalidate: (input) => [...pathsFor(input), '/'],
  async run({ viewer, input, tx, audit }) {
    const { changed } = await usersAdmin.setUserDisabled(tx, viewer.id, input.userId, false);
    if (changed) await audit({ action: 'admin.user.enable', entityType: 'user', entityId: input.userId });
  },
});

/** A generated temporary password, shown once; sessions end; a new password is required. */
export const resetPassword = defineAction({
  name: 'admin.user.reset_password',
  schema: z.object({ userId }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.access.reset.done',
  revalidate: pathsFor,
  async run({ viewer, input, tx, audit }) {
    const { temporaryPassword, sessionsRevoked } = await usersAdmin.resetUserPassword(tx, viewer.id, input.userId);
    await audit({ action: 'admin.user.reset_password', entityType: 'user', entityId: input.userId, details: { sessionsRevoked } });
    return { temporaryPassword };
  },
});

/** Signs the user out everywhere (on one's own account, everywhere except here). */
export const revokeSessions = defineAction({
  name: 'admin.user.revoke_sessions',
  schema: z.object({ userId }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.access.sessions.done',
  revalidate: pathsFor,
  async run({ viewer, input, tx, audit }) {
    const keep = input.userId === viewer.id ? viewer.sessionId : undefined;
    const { sessionsRevoked } = await usersAdmin.revokeAllSessions(tx, input.userId, keep);
    await audit({
      action: 'admin.user.revoke_sessions',
      entityType: 'user',
      entityId: input.userId,
      details: { sessionsRevoked, keptCurrent: Boolean(keep) },
    });
  },
});

const membershipSchema = z.object({
  userId,
  organizationId: z.uuid({ error: 'v:choose_one' }),
  role: z.enum(membershipRole.enumValues, { error: 'v:choose_one' }),
});

/** For a lost phone: turns TOTP off so the user can sign in and enrol a new device. */
export const resetTwoFactor = defineAction({
  name: 'admin.user.reset_totp',
  schema: z.object({ userId }),
  permission: 'admin.users.manage',
  authorize: (viewer, input) => manage(viewer) && input.userId !== viewer.id,
  success: 'adminUsers.access.totp.done',
  revalidate: pathsFor,
  async run({ input, tx, audit }) {
    await usersAdmin.resetTwoFactor(tx, input.userId);
    await audit({ action: 'admin.user.reset_totp', entityType: 'user', entityId: input.userId });
  },
});

export const addMembership = defineAction({
  name: 'admin.user.add_membership',
  schema: membershipSchema,
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.memberships.added',
  revalidate: pathsFor,
  async run({ input, tx, audit }) {
    await usersAdmin.addMembership(tx, input);
    await audit({
      action: 'admin.user.add_membership',
      organizationId: input.organizationId,
      entityType: 'user',
      entityId: input.userId,
      details: { role: input.role },
    });
  },
});

export const removeMembership = defineAction({
  name: 'admin.user.remove_membership',
  schema: membershipSchema,
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.memberships.removed',
  revalidate: pathsFor,
  async run({ input, tx, audit }) {
    await usersAdmin.removeMembership(tx, input);
    await audit({
      action: 'admin.user.remove_membership',
      organizationId: input.organizationId,
      entityType: 'user',
      entityId: input.userId,
      details: { role: input.role },
    });
  },
});

/** System administration is granted and withdrawn by another administrator, never on oneself. */
export const grantAdmin = defineAction({
  name: 'admin.user.grant_admin',
  schema: z.object({ userId }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.access.admin.granted',
  revalidate: pathsFor,
  async run({ viewer, input, tx, audit }) {
    const { changed } = await usersAdmin.setUserAdmin(tx, viewer.id, input.userId, true);
    if (changed) await audit({ action: 'admin.user.grant_admin', entityType: 'user', entityId: input.userId });
  },
});

export const revokeAdmin = defineAction({
  name: 'admin.user.revoke_admin',
  schema: z.object({ userId }),
  permission: 'admin.users.manage',
  authorize: manage,
  success: 'adminUsers.access.admin.revoked',
  revalidate: pathsFor,
  async run({ viewer, input, tx, audit }) {
    const { changed } = await usersAdmin.setUserAdmin(tx, viewer.id, input.userId, false);
    if (changed) await audit({ action: 'admin.user.revoke_admin', entityType: 'user', entityId: input.userId });
  },
});
