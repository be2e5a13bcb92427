import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { bodies } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';

/** A body's voting rules (the columns on `bodies`, edited by administrators). */
export type VoteSettings = {
  votePassNumerator: number;
  votePassDenominator: number;
  voteAllowRemote: boolean;
  voteAllowChange: boolean;
  electionSurplusPercent: number;
};

const columns = {
  id: bodies.id,
  votePassNumerator: bodies.votePassNumerator,
  votePassDenominator: bodies.votePassDenominator,
  voteAllowRemote: bodies.voteAllowRemote,
  voteAllowChange: bodies.voteAllowChange,
  electionSurplusPercent: bodies.electionSurplusPercent,
};

export async function voteSettingsOf(db: Db, bodyIds: string[]): Promise<Map<string, VoteSettings>> {
  if (bodyIds.length === 0) return new Map();
  const rows = await db.select(columns).from(bodies).where(inArray(bodies.id, bodyIds));
  return new Map(rows.map(({ id, ...settings }) => [id, settings]));
}

/** Saves a body's rules; returns them before and after (for the audit row). Ballots keep the rules they opened with. */
export async function updateVoteSettings(db: Db, input: VoteSettings & { organizationId: string; bodyId: string }) {
  const where = and(eq(bodies.id, input.bodyId), eq(bodies.organizationId, input.organizationId));
  const [before] = await db.select(columns).from(bodies).where(where).for('update');
  if (!before) throw new AppError('NOT_FOUND');
  const { organizationId: _o, bodyId: _b, ...after } = input;
  await db.update(bodies).set(after).where(where);
  const { id: _id, ...previous } = before;
  return { before: previous, after };
}
