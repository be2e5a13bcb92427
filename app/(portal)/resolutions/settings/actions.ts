'use server';

import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { addTerm, deleteTerm, issuerFor, saveIssuer, updateTerm } from '@/lib/resolutions/issuers';
import { addTermSchema, deleteTermSchema, issuerSchema, updateTermSchema } from '@/lib/resolutions/schemas';
import { defineAction } from '@/lib/server/action';

// Admins everywhere; the secretary and deputies for their own organisation.
async function mayConfigure(viewer: Viewer, input: { organizationId: string }, tx: Db) {
  const [org] = await tx.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, input.organizationId));
  return Boolean(org && can(viewer, 'resolution.configure', { organizationPath: org.path }));
}
const revalidate = ['/resolutions/settings'];

/** The issuer code, congress code and header lines of an organisation's documents. */
export const saveIssuerSettings = defineAction({
  name: 'resolution.settings.issuer',
  schema: issuerSchema,
  permission: 'resolution.configure',
  authorize: mayConfigure,
  success: 'resolutions.settings.saved',
  revalidate,
  async run({ viewer, input, tx, audit }) {
    const before = await issuerFor(tx, input.organizationId);
    await saveIssuer(tx, input, viewer.id);
    const { organizationId: _o, saved: _s, ...previous } = before ?? { organizationId: '', saved: false };
    await audit({
      action: 'resolution.settings.issuer',
      organizationId: input.organizationId,
      entityType: 'organization',
      entityId: input.organizationId,
      details: { before: previous, after: { code: input.code, congressCode: input.congressCode, superiorName: input.superiorName, headerName: input.headerName, place: input.place } },
    });
  },
});

export const addCommitteeTerm = defineAction({
  name: 'resolution.term.add',
  schema: addTermSchema,
  permission: 'resolution.configure',
  authorize: mayConfigure,
  success: 'resolutions.settings.added',
  revalidate,
  async run({ input, tx, audit }) {
    const term = await addTerm(tx, input);
    await audit({ action: 'resolution.term.add', organizationId: input.organizationId, entityType: 'committee_term', entityId: term.id, details: { name: term.name, startsOn: term.startsOn, endsOn: term.endsOn } });
  },
});

export const updateCommitteeTerm = defineAction({
  name: 'resolution.term.update',
  schema: updateTermSchema,
  permission: 'resolution.configure',
  authorize: mayConfigure,
  success: 'resolutions.settings.updated',
  revalidate,
  async run({ input, tx, audit }) {
    const { before, after } = await updateTerm(tx, input);
    await audit({
      action: 'resolution.term.update',
      organizationId: input.organizationId,
      entityType: 'committee_term',
      entityId: after.id,
      details: { before: { name: before.name, startsOn: before.startsOn, endsOn: before.endsOn }, after: { name: after.name, startsOn: after.startsOn, endsOn: after.endsOn } },
    });
  },
});

export const deleteCommitteeTerm = defineAction({
  name: 'resolution.term.delete',
  schema: deleteTermSchema,
  permission: 'resolution.configure',
  authorize: mayConfigure,
  success: 'resolutions.settings.deleted',
  revalidate,
  async run({ input, tx, audit }) {
    const term = await deleteTerm(tx, input);
    await audit({ action: 'resolution.term.delete', organizationId: input.organizationId, entityType: 'committee_term', entityId: term.id, details: { name: term.name, startsOn: term.startsOn, endsOn: term.endsOn } });
  },
});
