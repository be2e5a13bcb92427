import { z } from 'zod';
import { AppError } from '@/lib/server/errors';
import { defineRoute } from '@/lib/server/route';
import { voteError } from '@/lib/votes/errors';
import { ballotView } from '@/lib/votes/queries';

/**
 * GET /api/v1/ballots/:ballotId/results — the count of a closed ballot. While it is open the
 * answer is a refusal (no tally before close, not even for the chair), with the progress only.
 */
export const GET = defineRoute({
  name: 'api.ballots.results',
  permission: 'meeting.participate',
  schema: z.object({ ballotId: z.uuid() }),
  async handler({ viewer, input, db }) {
    const ballot = await ballotView(db, viewer, input.ballotId);
    if (!ballot) throw new AppError('NOT_FOUND');
    if (!ballot.result) throw voteError('notClosed');
    return { ballotId: ballot.id, status: ballot.status, closedAt: ballot.closedAt, result: ballot.result };
  },
});
