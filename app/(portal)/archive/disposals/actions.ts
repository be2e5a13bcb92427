'use server';

import { decideDisposal, proposeDisposal } from '@/lib/archive/disposition';
import { decideDisposalSchema, proposeDisposalSchema } from '@/lib/archive/schemas';
import { defineAction } from '@/lib/server/action';

/** Proposes a disposal list (archive.manage in the organisation; each record re-checked inside). */
export const proposeArchiveDisposal = defineAction({
  name: 'archive.disposal.propose',
  schema: proposeDisposalSchema,
  permission: 'archive.manage',
  success: 'archive.disposals.proposed',
  revalidate: ['/archive/disposals'],
  async run({ viewer, input, tx, audit }) {
    const { disposalId } = await proposeDisposal(tx, { userId: viewer.id, audit }, viewer, {
      organizationId: input.organizationId,
      recordIds: input.recordId,
      reason: input.reason,
    });
    return { disposalId };
  },
});

/**
 * Approves (destroying every record on the list, leaving tombstones) or rejects a proposed list:
 * archive.dispose in its organisation, by someone other than the proposer.
 */
export const decideArchiveDisposal = defineAction({
  name: 'archive.disposal.decide',
  schema: decideDisposalSchema,
  permission: 'archive.dispose',
  success: 'archive.disposals.decided',
  revalidate: ['/archive/disposals', '/archive'],
  async run({ viewer, input, tx, audit }) {
    await decideDisposal(tx, { userId: viewer.id, audit }, viewer, input);
  },
});
