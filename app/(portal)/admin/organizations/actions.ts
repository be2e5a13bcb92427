'use server';

import { can } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import {
  addSeatSchema,
  addSeat as addSeatRow,
  createBodySchema,
  createBody as createBodyRow,
  createOrganizationSchema,
  createOrganization as createOrganizationRow,
  removeSeatSchema,
  removeSeat as removeSeatRow,
  updateBodySchema,
  updateBody as updateBodyRow,
  updateOrganizationSchema,
  updateOrganization as updateOrganizationRow,
  updateSeatSchema,
  updateSeat as updateSeatRow,
} from '@/lib/organizations/admin';
import { defineAction } from '@/lib/server/action';
import { voteSettingsSchema } from '@/lib/votes/schemas';
import { updateVoteSettings as updateVoteSettingsRow } from '@/lib/votes/settings';

const TREE = '/admin/organizations';
const pageOf = (organizationId: string) => `${TREE}/${organizationId}`;

/**
 * Only system administrators manage the tree; everyone else is told "not found". The wrapper checks
 * `permission` before validation; `authorize` repeats it inside the transaction (admin rights have no
 * record-level scope).
 */
const authorize = (viewer: Viewer) => can(viewer, 'admin.organizations.manage');

export const createOrganization = defineAction({
  name: 'admin.organization.create',
  schema: createOrganizationSchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'adminOrganizations.create.done',
  revalidate: (input) => [TREE, ...(input.parentId ? [pageOf(input.parentId)] : [])],
  async run({ input, tx, audit }) {
    const { symbol, ...rest } = input;
    const created = await createOrganizationRow(tx, { ...rest, code: symbol });
    await audit({
      action: 'admin.organization.create',
      organizationId: created.id,
      entityType: 'organization',
      entityId: created.id,
      details: { parentId: input.parentId, kind: input.kind, name: input.name, code: symbol, currentTerm: input.currentTerm },
    });
    return { organizationId: created.id };
  },
});

export const updateOrganization = defineAction({
  name: 'admin.organization.update',
  schema: updateOrganizationSchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'adminOrganizations.edit.done',
  revalidate: (input) => [TREE, pageOf(input.organizationId)],
  async run({ input, tx, audit }) {
    const { before, after } = await updateOrganizationRow(tx, input.organizationId, {
      name: input.name,
      code: input.symbol,
      currentTerm: input.currentTerm,
    });
    await audit({
      action: 'admin.organization.update',
      organizationId: input.organizationId,
      entityType: 'organization',
      entityId: input.organizationId,
      details: { before, after },
    });
  },
});

export const createBody = defineAction({
  name: 'admin.body.create',
  schema: createBodySchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'adminOrganizations.bodies.created',
  revalidate: (input) => [TREE, pageOf(input.organizationId)],
  async run({ input, tx, audit }) {
    const body = await createBodyRow(tx, input);
    await audit({
      action: 'admin.body.create',
      organizationId: input.organizationId,
      entityType: 'body',
      entityId: body.id,
      details: {
        kind: input.kind,
        name: input.name,
        quorumNumerator: input.quorumNumerator,
        quorumDenominator: input.quorumDenominator,
      },
    });
  },
});

export const updateBody = defineAction({
  name: 'admin.body.update',
  schema: updateBodySchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'adminOrganizations.bodies.updated',
  revalidate: (input) => [pageOf(input.organizationId)],
  async run({ input, tx, audit }) {
    const { kind, before, after } = await updateBodyRow(tx, input);
    await audit({
      action: 'admin.body.update',
      organizationId: input.organizationId,
      entityType: 'body',
      entityId: input.bodyId,
      details: { kind, before, after },
    });
  },
});

export const addSeat = defineAction({
  name: 'admin.seat.create',
  schema: addSeatSchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'adminOrganizations.seats.added',
  revalidate: (input) => [pageOf(input.organizationId)],
  async run({ input, tx, audit }) {
    const { bodyKind } = await addSeatRow(tx, input);
    await audit({
      action: 'admin.seat.create',
      organizationId: input.organizationId,
      entityType: 'body_seat',
      entityId: `${input.bodyId}:${input.userId}`,
      details: { bodyId: input.bodyId, bodyKind, userId: input.userId, title: input.title, status: input.status },
    });
  },
});

export const updateSeat = defineAction({
  name: 'admin.seat.update',
  schema: updateSeatSchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'adminOrganizations.seats.updated',
  revalidate: (input) => [pageOf(input.organizationId)],
  async run({ input, tx, audit }) {
    const { bodyKind, before, after } = await updateSeatRow(tx, input);
    await audit({
      action: 'admin.seat.update',
      organizationId: input.organizationId,
      entityType: 'body_seat',
      entityId: `${input.bodyId}:${input.userId}`,
      details: { bodyId: input.bodyId, bodyKind, userId: input.userId, before, after },
    });
  },
});

export const removeSeat = defineAction({
  name: 'admin.seat.delete',
  schema: removeSeatSchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'adminOrganizations.seats.removed',
  revalidate: (input) => [pageOf(input.organizationId)],
  async run({ input, tx, audit }) {
    const { bodyKind, removed } = await removeSeatRow(tx, input);
    await audit({
      action: 'admin.seat.delete',
      organizationId: input.organizationId,
      entityType: 'body_seat',
      entityId: `${input.bodyId}:${input.userId}`,
      details: { bodyId: input.bodyId, bodyKind, userId: input.userId, removed },
    });
  },
});

/** A body's voting rules (lib/votes/settings.ts); open ballots keep the rules they opened with. */
export const updateVoteSettings = defineAction({
  name: 'admin.body.vote_settings',
  schema: voteSettingsSchema,
  permission: 'admin.organizations.manage',
  authorize,
  success: 'votes.settings.saved',
  revalidate: (input) => [pageOf(input.organizationId)],
  async run({ input, tx, audit }) {
    const { before, after } = await updateVoteSettingsRow(tx, input);
    await audit({
      action: 'admin.body.vote_settings',
      organizationId: input.organizationId,
      entityType: 'body',
      entityId: input.bodyId,
      details: { before, after },
    });
  },
});
