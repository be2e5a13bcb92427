import 'server-only';
import { type SQL, and, eq, or, sql } from 'drizzle-orm';
import { bodySeats, invitations, meetings, organizations } from '@/db/schema';
import { type Principal, can } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';

/**
 * Who may see and do what in one meeting. Visibility: those who prepare or oversee meetings of
 * the organisation (lib/auth/permissions.ts) always; members with a seat on the body and invitees
 * (guests included) once the meeting is no longer a draft. Everyone else gets undefined, which
 * pages and actions answer with 404.
 */
export type MeetingAccess = {
  meeting: typeof meetings.$inferSelect;
  organizationPath: string;
  canPrepare: boolean;
  canApprove: boolean;
  canOversee: boolean;
  seat: { status: (typeof bodySeats.status.enumValues)[number]; title: string | null } | null;
  invitation: { isGuest: boolean; response: (typeof invitations.response.enumValues)[number] } | null;
  isChair: boolean;
  isMinuteTaker: boolean;
  /** Chair or approver: may run the live meeting (open, move through the agenda, close). */
  canRun: boolean;
};

export async function meetingAccess(
  db: Db,
  viewer: Principal & { id: string },
  meetingId: string,
): Promise<MeetingAccess | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(meetingId)) return undefined;
  const [row] = await db
    .select({ meeting: meetings, organizationPath: organizations.path })
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .where(eq(meetings.id, meetingId));
  if (!row) return undefined;
  const scope = { organizationPath: row.organizationPath };
  const [seat] = await db
    .select({ status: bodySeats.status, title: bodySeats.title })
    .from(bodySeats)
    .where(and(eq(bodySeats.bodyId, row.meeting.bodyId), eq(bodySeats.userId, viewer.id)));
  const [invitation] = await db
    .select({ isGuest: invitations.isGuest, response: invitations.response })
    .from(invitations)
    .where(and(eq(invitations.meetingId, meetingId), eq(invitations.userId, viewer.id)));
  const canPrepare = can(viewer, 'meeting.prepare', scope);
  const canApprove = can(viewer, 'meeting.approve', scope);
  const canOversee = can(viewer, 'meeting.oversee', scope);
  const staff = canPrepare || canApprove || canOversee;
  // A draft is still being prepared: members and guests see it once invitations go out.
  if (!staff && (row.meeting.status === 'draft' || (!seat && !invitation))) return undefined;
  const isChair = row.meeting.chairId === viewer.id;
  return {
    meeting: row.meeting,
    organizationPath: row.organizationPath,
    canPrepare,
    canApprove,
    canOversee,
    seat: seat ?? null,
    invitation: invitation ?? null,
    isChair,
    isMinuteTaker: row.meeting.minuteTakerId === viewer.id,
    canRun: isChair || canApprove,
  };
}

/** The same visibility rule as a WHERE condition on `meetings`, for lists (filter before paging). */
export function visibleMeetings(viewer: Principal & { id: string }): SQL {
  const orgIds = (action: 'meeting.prepare' | 'meeting.oversee') =>
    sql`${meetings.organizationId} in (select ${organizations.id} from ${organizations} where ${organizationScope(viewer, action)})`;
  return or(
    orgIds('meeting.prepare'),
    orgIds('meeting.oversee'),
    // Qualified by hand: Drizzle leaves columns unqualified in single-table selects, which inside a
    // correlated subquery would silently compare the subquery's own columns.
    and(
      sql`"meetings"."status" <> 'draft'`,
      or(
        sql`exists (select 1 from body_seats s where s.body_id = "meetings"."body_id" and s.user_id = ${viewer.id})`,
        sql`exists (select 1 from invitations i where i.meeting_id = "meetings"."id" and i.user_id = ${viewer.id})`,
      ),
    ),
  )!;
}
