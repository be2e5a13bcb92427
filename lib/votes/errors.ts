import { AppError, type ErrorCode } from '@/lib/server/errors';

/**
 * Every refusal of the voting commands, with its HTTP-level code and a stable reason for API
 * clients (`{ error: { code, reason, message } }`); the message is `votes.errors.<key>`.
 */
export const VOTE_ERRORS = {
  closed: { code: 'CONFLICT', reason: 'BALLOT_CLOSED' },
  alreadyVoted: { code: 'CONFLICT', reason: 'ALREADY_VOTED' },
  notEligible: { code: 'CONFLICT', reason: 'NOT_ELIGIBLE' },
  invalidChoice: { code: 'VALIDATION_FAILED', reason: 'INVALID_CHOICE' },
  tooManyTicks: { code: 'VALIDATION_FAILED', reason: 'TOO_MANY_TICKS' },
  alreadyOpen: { code: 'CONFLICT', reason: 'BALLOT_ALREADY_OPEN' },
  alreadyClosed: { code: 'CONFLICT', reason: 'BALLOT_ALREADY_CLOSED' },
  notInProgress: { code: 'CONFLICT', reason: 'MEETING_NOT_IN_PROGRESS' },
  wrongItem: { code: 'VALIDATION_FAILED', reason: 'WRONG_AGENDA_ITEM' },
  tooManyCandidates: { code: 'VALIDATION_FAILED', reason: 'TOO_MANY_CANDIDATES' },
  tooFewCandidates: { code: 'VALIDATION_FAILED', reason: 'TOO_FEW_CANDIDATES' },
  duplicateCandidate: { code: 'VALIDATION_FAILED', reason: 'DUPLICATE_CANDIDATE' },
  noEligibleVoters: { code: 'CONFLICT', reason: 'NO_ELIGIBLE_VOTERS' },
  deadlinePast: { code: 'VALIDATION_FAILED', reason: 'DEADLINE_PAST' },
  notClosed: { code: 'CONFLICT', reason: 'BALLOT_NOT_CLOSED' },
} as const satisfies Record<string, { code: ErrorCode; reason: string }>;

export type VoteErrorKey = keyof typeof VOTE_ERRORS;

export function voteError(key: VoteErrorKey, field?: string) {
  return new AppError(VOTE_ERRORS[key].code, { messageKey: `votes.errors.${key}`, field, reason: VOTE_ERRORS[key].reason });
}

/** The vote-specific refusal behind an error, if it is one (for the API's stable reason). */
export function voteErrorOf(error: unknown): { key: VoteErrorKey; code: ErrorCode; reason: string } | undefined {
  if (!(error instanceof AppError)) return undefined;
  const key = error.options.messageKey?.startsWith('votes.errors.') ? error.options.messageKey.slice('votes.errors.'.length) : undefined;
  if (!key || !(key in VOTE_ERRORS)) return undefined;
  const entry = VOTE_ERRORS[key as VoteErrorKey];
  return { key: key as VoteErrorKey, code: entry.code, reason: entry.reason };
}
