import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bodies, meetings, organizations } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { toAppError } from '@/lib/server/errors';
import { viewerFor } from '@/lib/test/fixtures';
import { meetingAccess, visibleMeetings } from './access';

async function cellAssembly(name: string) {
  const [row] = await getDb()
    .select({ bodyId: bodies.id, organizationId: organizations.id })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(organizations.name, name), eq(bodies.kind, 'cell_assembly')));
  return row!;
}

async function addMeeting(cell: string, startsAt: string, endsAt: string, status: 'draft' | 'invited' = 'invited') {
  const { bodyId, organizationId } = await cellAssembly(cell);
  const [row] = await getDb()
    .insert(meetings)
    .values({ bodyId, organizationId, kind: 'regular', title: 'Sinh hoạt chi bộ định kỳ', status, startsAt: new Date(startsAt), endsAt: new Date(endsAt) })
    .returning({ id: meetings.id });
  return row!.id;
}

describe('meeting access', () => {
  it('lets seat holders, the cell leaders and the leadership above see a cell meeting, and nobody else', async () => {
    const id = await addMeeting('Chi bộ thôn Đồng Tâm', '2026-12-03T01:00:00Z', '2026-12-03T03:00:00Z');
    const member = await viewerFor('member@quorum.local');
    const secretary = await viewerFor('secretary@quorum.local');
    const clerk = await viewerFor('clerk@quorum.local');
    const admin = await viewerFor('admin@quorum.local');

    expect(await meetingAccess(getDb(), member, id)).toMatchObject({ canPrepare: false, canOversee: false, seat: { status: 'active' } });
    expect(await meetingAccess(getDb(), secretary, id)).toMatchObject({ canPrepare: false, canOversee: true, seat: null });
    expect(await meetingAccess(getDb(), clerk, id)).toMatchObject({ canOversee: true });
    expect(await meetingAccess(getDb(), admin, id)).toBeUndefined();
    expect(await meetingAccess(getDb(), member, 'not-a-uuid')).toBeUndefined();

    const other = await addMeeting('Chi bộ thôn Ninh Tào', '2026-12-03T01:00:00Z', '2026-12-03T03:00:00Z');
    const listed = async (viewer: Awaited<ReturnType<typeof viewerFor>>) =>
      (await getDb().select({ id: meetings.id }).from(meetings).where(visibleMeetings(viewer))).map((m) => m.id);
    expect(await listed(member)).toEqual([id]);
    expect(await listed(secretary)).toEqual([id]); // Ninh Tào is in the other district
    expect(await listed(admin)).toEqual([]);
    expect(other).toBeDefined();

    // A draft is seen by those who prepare or oversee, not yet by the members.
    const draft = await addMeeting('Chi bộ thôn Đồng Tâm', '2026-12-20T01:00:00Z', '2026-12-20T03:00:00Z', 'draft');
    expect(await meetingAccess(getDb(), member, draft)).toBeUndefined();
    expect(await listed(member)).toEqual([id]);
    expect(await meetingAccess(getDb(), secretary, draft)).toMatchObject({ canOversee: true });
  });

  it('refuses two overlapping meetings of one body, but not of two bodies or after a cancellation', async () => {
    const first = await addMeeting('Chi bộ thôn Bãi Giữa', '2026-12-10T01:00:00Z', '2026-12-10T03:00:00Z');
    const clash = await addMeeting('Chi bộ thôn Bãi Giữa', '2026-12-10T02:00:00Z', '2026-12-10T04:00:00Z').catch((e: unknown) => e);
    expect(toAppError(clash).code).toBe('CONFLICT');
    await addMeeting('Chi bộ thôn Tân Lang', '2026-12-10T02:00:00Z', '2026-12-10T04:00:00Z');
    await getDb().update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, first));
    await addMeeting('Chi bộ thôn Bãi Giữa', '2026-12-10T02:00:00Z', '2026-12-10T04:00:00Z');
  });
});
