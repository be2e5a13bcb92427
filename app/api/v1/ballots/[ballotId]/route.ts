import { z } from 'zod';
import { AppError } from '@/lib/server/errors';
import { defineRoute } from '@/lib/server/route';
import { castVoteTogether } from '@/lib/votes/ballots';
import { ballotView } from '@/lib/votes/queries';
import { castSchema } from '@/lib/votes/schemas';

/**
 * GET /api/v1/ballots/:ballotId — the ballot as the viewer sees it: question, options, progress,
 * the viewer's own eligibility and whether they voted; the result once closed (never before).
 * 404 for anyone who may not see it (lib/votes/access.ts).
 */
export const GET = defineRoute({
  name: 'api.ballots.get',
  permission: 'meeting.participate',
  schema: z.object({ ballotId: z.uuid() }),
  async handler({ viewer, input, db }) {
    const ballot = await ballotView(db, viewer, input.ballotId);
    if (!ballot) throw new AppError('NOT_FOUND');
    return { ballot };
  },
});

/**
 * POST /api/v1/ballots/:ballotId `{ "choice": "agree" }` or `{ "optionIds": [...] }` — casts the
 * viewer's vote. Refusals carry a stable reason: BALLOT_CLOSED, ALREADY_VOTED, NOT_ELIGIBLE,
 * INVALID_CHOICE, TOO_MANY_TICKS (lib/votes/errors.ts); nothing is counted for them.
 */
export const POST = defineRoute({
  name: 'api.ballots.cast',
  permission: 'meeting.participate',
  schema: castSchema,
  // Papers cast together share one statement (castVoteTogether); an election's or a change opens its own transaction.
  transaction: false,
  async handler({ viewer, input, audit }) {
    const { changed } = await castVoteTogether({ viewer, audit }, input);
    return { ok: true, changed };
  },
});
