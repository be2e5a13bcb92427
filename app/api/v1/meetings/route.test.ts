import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { agendaItems, attendance, invitations, meetings } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { demoBody } from '@/lib/meetings/test-helpers';
import { viewerFor } from '@/lib/test/fixtures';
import { GET as list } from './route';
import { GET as one } from './[meetingId]/route';
import { GET as agenda } from './[meetingId]/agenda/route';
import { GET as attendanceRoute } from './[meetingId]/attendance/route';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  viewerFromCookieHeader: async () => request.viewer,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace: namespace as never }) };
});

let clerk: Viewer;
let member: Viewer;
let admin: Viewer;
let meetingId: string;

const get = (path: string, params?: Record<string, string>) =>
  [new Request(`http://localhost:3000${path}`), params ? { params: Promise.resolve(params) } : undefined] as const;

beforeAll(async () => {
  clerk = await viewerFor('clerk@quorum.local');
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
  const body = await demoBody('Huyện ủy Kim Bảng', 'executive_committee');
  const [row] = await getDb()
    .insert(meetings)
    .values({
      bodyId: body.id,
      organizationId: body.organizationId,
      kind: 'regular',
      title: 'Hội nghị API',
      status: 'in_progress',
      startsAt: new Date(Date.now() + 3600_000),
      endsAt: new Date(Date.now() + 7200_000),
    })
    .returning({ id: meetings.id });
  meetingId = row!.id;
  await getDb().insert(agendaItems).values([
    { meetingId, position: 1, title: 'Báo cáo công khai' },
    { meetingId, position: 2, title: 'Nhân sự (mật)', hiddenFromGuests: true },
  ]);
  await getDb().insert(invitations).values({ meetingId, userId: member.id, isGuest: true, response: 'attending' });
  const active = body.seats.filter((s) => s.status === 'active');
  await getDb().insert(attendance).values([
    ...active.slice(0, 3).map((s) => ({ meetingId, userId: s.userId, status: 'present' as const })),
    { meetingId, userId: member.id, status: 'present' as const },
  ]);
});

describe('/api/v1/meetings', () => {
  it('lists and shows only meetings the caller may see, with the path parameter validated', async () => {
    request.viewer = clerk;
    const listed = await (await list(...get('/api/v1/meetings'))).json();
    expect(listed.meetings.map((m: { id: string }) => m.id)).toContain(meetingId);
    const shown = await one(...get(`/api/v1/meetings/${meetingId}`, { meetingId }));
    expect(shown.status).toBe(200);
    expect((await shown.json()).meeting).toMatchObject({ id: meetingId, title: 'Hội nghị API', status: 'in_progress' });

    request.viewer = admin;
    expect((await one(...get(`/api/v1/meetings/${meetingId}`, { meetingId }))).status).toBe(404);
    request.viewer = member;
    expect((await one(...get(`/api/v1/meetings/not-a-uuid`, { meetingId: 'not-a-uuid' }))).status).toBe(404);
    // A query parameter cannot replace the path segment.
    expect((await one(...get(`/api/v1/meetings/x?meetingId=${meetingId}`, { meetingId: 'x' }))).status).toBe(404);
  });

  it('hide agenda items marked for members only from guests', async () => {
    request.viewer = clerk;
    const full = await (await agenda(...get(`/api/v1/meetings/${meetingId}/agenda`, { meetingId }))).json();
    expect(full.items).toHaveLength(2);
    request.viewer = member; // a guest of this meeting
    const guest = await (await agenda(...get(`/api/v1/meetings/${meetingId}/agenda`, { meetingId }))).json();
    expect(guest.items.map((i: { title: string }) => i.title)).toEqual(['Báo cáo công khai']);
  });

  it('give attendance and quorum to preparers only; guests do not count', async () => {
    request.viewer = member;
    expect((await attendanceRoute(...get(`/api/v1/meetings/${meetingId}/attendance`, { meetingId }))).status).toBe(404);
    request.viewer = clerk;
    const res = await attendanceRoute(...get(`/api/v1/meetings/${meetingId}/attendance`, { meetingId }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.quorum).toMatchObject({ present: 3, notCounted: { temporarilyTransferred: 1 } });
    expect(body.guests).toEqual([expect.objectContaining({ userId: member.id, attendance: 'present' })]);
    const [invite] = await getDb()
      .select()
      .from(invitations)
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.userId, member.id)));
    expect(invite?.isGuest).toBe(true);
  });
});
