'use server';

import { defineAction } from '@/lib/server/action';
import * as votes from '@/lib/votes/ballots';
import { ballotIdSchema, castSchema, writtenQuestionSchema } from '@/lib/votes/schemas';

// Written questions outside meetings (lấy ý kiến bằng văn bản). Creating and closing need
// `vote.manage` for the body's organisation; answering needs a place on the question's voter
// list (its eligibility snapshot). Each decision is made inside (lib/votes).

export const createWrittenQuestion = defineAction({
  name: 'vote.written_question.create',
  schema: writtenQuestionSchema,
  permission: 'vote.manage',
  success: 'votes.done.created',
  revalidate: ['/votes'],
  async run({ viewer, input, tx, audit }) {
    return votes.createWrittenQuestion({ tx, viewer, audit }, input);
  },
});

export const answerWrittenQuestion = defineAction({
  name: 'vote.cast',
  schema: castSchema,
  permission: 'meeting.participate',
  success: 'votes.done.cast',
  revalidate: (input) => [`/votes/${input.ballotId}`, '/votes'],
  async run({ viewer, input, tx, audit }) {
    await votes.castVote({ tx, viewer, audit }, input);
  },
});

export const closeWrittenQuestion = defineAction({
  name: 'vote.ballot.close',
  schema: ballotIdSchema,
  permission: 'vote.manage',
  success: 'votes.done.closed',
  revalidate: (input) => [`/votes/${input.ballotId}`, '/votes'],
  async run({ viewer, input, tx, audit }) {
    await votes.closeBallot({ tx, viewer, audit }, input.ballotId);
  },
});
