import { z } from 'zod';
import { ballotKind } from '@/db/schema';
import { fromVietnamTime } from '@/lib/meetings/time';

/** Shared by the forms, the server actions and the API. */

const toArray = (value: unknown) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);

/**
 * A cast. The choice is checked against the ballot's own options by the command (a forged value
 * gets the vote-specific refusal, not a generic validation error); here only its shape.
 */
export const castSchema = z.object({
  ballotId: z.uuid(),
  choice: z.string().trim().max(20).optional(),
  optionIds: z.preprocess(toArray, z.array(z.string().max(36)).max(200)).optional(),
});

export const openBallotSchema = z
  .object({
    meetingId: z.uuid(),
    agendaItemId: z.uuid({ error: 'v:choose_one' }),
    kind: z.enum(ballotKind.enumValues, { error: 'v:choose_one' }),
    question: z.string().trim().max(500).optional(),
    /** One candidate per line (textarea) or repeated fields. */
    candidates: z
      .preprocess((v) => (typeof v === 'string' ? v.split(/\r?\n/) : toArray(v)), z.array(z.string().max(200)).max(200))
      .optional(),
    seats: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number().int().min(1).max(200).optional()),
  })
  .refine((v) => v.kind !== 'election' || (v.seats !== undefined && (v.candidates ?? []).some((c) => c.trim())), {
    path: ['candidates'],
    error: 'v:required',
  });

export const writtenQuestionSchema = z
  .object({
    bodyId: z.uuid({ error: 'v:choose_one' }),
    kind: z.enum(['named', 'secret'], { error: 'v:choose_one' }),
    question: z.string().trim().min(1).max(500),
    description: z.string().trim().max(5000).optional(),
    deadlineDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v:date' }),
    deadlineTime: z.string().trim().regex(/^\d{2}:\d{2}$/, { error: 'v:time' }),
  })
  .refine((v) => fromVietnamTime(v.deadlineDate, v.deadlineTime) !== undefined, { path: ['deadlineDate'], error: 'v:date' })
  .transform((v) => ({ ...v, deadline: fromVietnamTime(v.deadlineDate, v.deadlineTime)! }));

export const ballotIdSchema = z.object({ ballotId: z.uuid() });

const fraction = z.preprocess((v) => Number(v), z.number().int().min(1).max(100));

export const voteSettingsSchema = z
  .object({
    organizationId: z.uuid(),
    bodyId: z.uuid(),
    votePassNumerator: fraction,
    votePassDenominator: fraction,
    voteAllowRemote: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    voteAllowChange: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    electionSurplusPercent: z.preprocess((v) => Number(v), z.number().int().min(0).max(100)),
  })
  .refine((v) => v.votePassNumerator < v.votePassDenominator, { path: ['votePassNumerator'], error: 'v:quorum_fraction' });
