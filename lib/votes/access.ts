import 'server-only';
import { type SQL, and, eq, or, sql } from 'drizzle-orm';
import { type Ballot, ballots, bodySeats, organizations } from '@/db/schema';
import { type Principal, can } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import { type MeetingAccess, meetingAccess } from '@/lib/meetings/access';

/**
 * Who may see and run one ballot. A ballot in a meeting follows the meeting access rule
 * (lib/meetings/access.ts) minus guests: members of the body and those who prepare, run or
 * oversee the meeting see it; the chair (or an approver) and holders of `vote.manage` open and
 * close it. A written question is seen by the members of its body and by holders of
 * `vote.manage` / `vote.oversee` for its organisation; `vote.manage` creates and closes it.
 * Who may CAST is decided by the ballot's eligibility snapshot, never by a role.
 */
export type BallotAccess = {
  ballot: Ballot;
  organizationPath: string;
  meeting: MeetingAccess | null;
  /** Holds a seat on the ballot's body (any seat status). */
  seated: boolean;
  canManage: boolean;
  /** May export the voter list (and, for named votes, who voted how). */
  canExport: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function ballotAccess(db: Db, viewer: Principal & { id: string }, ballotId: string): Promise<BallotAccess | undefined> {
  if (!UUID.test(ballotId)) return undefined;
  const [row] = await db
    .select({ ballot: ballots, organizationPath: organizations.path })
    .from(ballots)
    .innerJoin(organizations, eq(organizations.id, ballots.organizationId))
    .where(eq(ballots.id, ballotId));
  if (!row) return undefined;
  const scope = { organizationPath: row.organizationPath };
  const [seat] = await db
    .select({ status: bodySeats.status })
    .from(bodySeats)
    .where(and(eq(bodySeats.bodyId, row.ballot.bodyId), eq(bodySeats.userId, viewer.id)));
  const manages = can(viewer, 'vote.manage', scope);
  const oversees = can(viewer, 'vote.oversee', scope);
  if (row.ballot.meetingId) {
    const meeting = await meetingAccess(db, viewer, row.ballot.meetingId);
    if (!meeting) return undefined;
    const staff = meeting.canPrepare || meeting.canRun || meeting.canOversee || manages || oversees;
    if (!seat && !staff) return undefined; // guests see the room, not its ballots
    return {
      ...row,
      meeting,
      seated: Boolean(seat),
      canManage: meeting.canRun || manages,
      canExport: meeting.canRun || meeting.canPrepare || manages || oversees,
    };
  }
  if (!seat && !manages && !oversees) return undefined;
  return { ...row, meeting: null, seated: Boolean(seat), canManage: manages, canExport: manages || oversees };
}

/** Written questions the viewer may see, as a WHERE condition on `ballots` (filter before paging). */
export function visibleWrittenQuestions(viewer: Principal & { id: string }): SQL {
  const orgIds = (action: 'vote.manage' | 'vote.oversee') =>
    sql`${ballots.organizationId} in (select ${organizations.id} from ${organizations} where ${organizationScope(viewer, action)})`;
  return and(
    sql`${ballots.meetingId} is null`,
    or(
      orgIds('vote.manage'),
      orgIds('vote.oversee'),
      // Qualified by hand: inside the correlated subquery an unqualified column would be the seat's.
      sql`exists (select 1 from body_seats s where s.body_id = "ballots"."body_id" and s.user_id = ${viewer.id})`,
    ),
  )!;
}
