'use server';

import { fileIssuedResolution } from '@/lib/archive/from-resolution';
import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { resolutionAccess } from '@/lib/resolutions/access';
import { abandonNumber, deleteDraft, issueResolution as issue, reserveNumber, updateDraft } from '@/lib/resolutions/lifecycle';
import { abandonNumberSchema, issueResolutionSchema, resolutionIdSchema, updateResolutionSchema } from '@/lib/resolutions/schemas';
import { enqueueIngest } from '@/lib/ingest/queue';
import { defineAction } from '@/lib/server/action';

// The role-level gate is the permission; the decision for the document is resolutionAccess in its
// issuing organisation (a hidden document answers "not found").
const can = (right: 'canDraft' | 'canIssue') => async (viewer: Viewer, input: { resolutionId: string }, tx: Db) =>
  Boolean((await resolutionAccess(tx, viewer, input.resolutionId))?.[right]);
const paths = (input: { resolutionId: string }) => ['/resolutions', `/resolutions/${input.resolutionId}`];
const entity = (row: { id: string; organizationId: string }) => ({ organizationId: row.organizationId, entityType: 'resolution', entityId: row.id });

/** Saves the content of a draft (or of a document with a held number); stale edits are refused. */
export const updateResolution = defineAction({
  name: 'resolution.draft.update',
  schema: updateResolutionSchema,
  permission: 'resolution.draft',
  authorize: can('canDraft'),
  success: 'resolutions.form.saved',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const saved = await updateDraft(tx, input, viewer.id);
    await audit({
      action: 'resolution.draft.update',
      ...entity(saved),
      details: { type: input.type, title: input.title, lockVersion: saved.lockVersion, meetingId: input.meetingId, agendaItemId: input.agendaItemId, ballotId: input.ballotId },
    });
    return { lockVersion: String(saved.lockVersion) };
  },
});

/** Deletes a draft that never had a number. */
export const deleteResolutionDraft = defineAction({
  name: 'resolution.draft.delete',
  schema: resolutionIdSchema,
  permission: 'resolution.draft',
  authorize: can('canDraft'),
  success: 'resolutions.delete.done',
  revalidate: paths,
  redirectTo: '/resolutions',
  async run({ input, tx, audit }) {
    const row = await deleteDraft(tx, input.resolutionId);
    await audit({ action: 'resolution.draft.delete', ...entity(row), details: { title: row.title, meetingId: row.meetingId } });
  },
});

/** Holds the next number of the document's series in the current term. */
export const reserveResolutionNumber = defineAction({
  name: 'resolution.number.reserve',
  schema: resolutionIdSchema,
  permission: 'resolution.draft',
  authorize: can('canDraft'),
  success: 'resolutions.reserve.done',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const held = await reserveNumber(tx, input, viewer.id);
    await audit({ action: 'resolution.number.reserve', ...entity(held), details: { numberSymbol: held.numberSymbol, number: held.number, term: held.termName } });
    return { numberSymbol: held.numberSymbol };
  },
});

/** Signs and issues: number, date and signer fixed, PDF stored; immutable from then on. */
export const issueResolution = defineAction({
  name: 'resolution.issue',
  schema: issueResolutionSchema,
  permission: 'resolution.issue',
  authorize: can('canIssue'),
  success: 'resolutions.issue.done',
  revalidate: paths,
  async run({ viewer, input, tx, audit, afterCommit }) {
    const issued = await issue(tx, input, viewer.id);
    await audit({
      action: 'resolution.issue',
      ...entity(issued),
      details: { numberSymbol: issued.numberSymbol, number: issued.number, issuedOn: issued.issuedOn, signerId: input.signerId, pdfSha256: issued.pdfSha256, meetingId: issued.meetingId },
    });
    // Issued documents go to the archive at once, searchable like any other record.
    const { versionId } = await fileIssuedResolution(tx, { userId: viewer.id, audit }, issued.id);
    if (versionId) afterCommit(() => enqueueIngest(versionId));
    return { numberSymbol: issued.numberSymbol };
  },
});

/** Abandons a held number: recorded void, never given again; the content continues in a new draft. */
export const abandonResolutionNumber = defineAction({
  name: 'resolution.number.void',
  schema: abandonNumberSchema,
  permission: 'resolution.draft',
  authorize: can('canDraft'),
  success: 'resolutions.abandon.done',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const voided = await abandonNumber(tx, input, viewer.id);
    await audit({ action: 'resolution.number.void', ...entity(voided), details: { numberSymbol: voided.numberSymbol, reason: input.reason, draftId: voided.draftId } });
    return { draftId: voided.draftId };
  },
});
