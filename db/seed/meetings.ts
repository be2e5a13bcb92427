import { and, eq, inArray } from 'drizzle-orm';
import {
  type AttendanceStatus,
  agendaItems,
  attendance,
  bodies,
  bodySeats,
  invitations,
  meetingDocuments,
  meetings,
  minutes,
  organizations,
  users,
} from '@/db/schema';
import { PDFDocument } from 'pdf-lib';
import type { Principal } from '@/lib/auth/permissions';
import type { Transaction } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { approveMinutes, createMinutesDraft } from '@/lib/meetings/minutes';
import { addProgrammeItem, createProgramme } from '@/lib/meetings/programmes';
import { fromVietnamTime, toVietnamParts } from '@/lib/meetings/time';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import { getStorage } from '@/lib/storage';
import { seedDemoVotes } from './votes';
import { memberships } from '@/db/schema';

const NOT_INVITED = ['temporarily_transferred', 'suspended', 'detained'];

const CELL_AGENDA = [
  { title: 'Đánh giá kết quả thực hiện nhiệm vụ tháng và triển khai nhiệm vụ tháng tới', presenter: 'Bí thư chi bộ', plannedMinutes: 30, kind: 'report' as const },
  { title: 'Thông tin thời sự, văn bản mới của cấp trên', presenter: 'Phó Bí thư chi bộ', plannedMinutes: 15, kind: 'report' as const },
  { title: 'Thảo luận, góp ý của đảng viên', presenter: null, plannedMinutes: 40, kind: 'discussion' as const },
  { title: 'Thông qua nghị quyết tháng', presenter: 'Bí thư chi bộ', plannedMinutes: 15, kind: 'decision' as const },
];

async function seatsOf(tx: Transaction, bodyId: string) {
  return tx
    .select({ userId: bodySeats.userId, title: bodySeats.title, status: bodySeats.status })
    .from(bodySeats)
    .where(eq(bodySeats.bodyId, bodyId));
}

/** The first Monday of a month at 19:30 Vietnam time: the usual evening of a village cell. */
function firstMondayEvening(year: number, month: number) {
  for (let day = 1; day <= 7; day++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const start = fromVietnamTime(date, '19:30')!;
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === 1) return { start, end: new Date(start.getTime() + 2 * 3_600_000) };
  }
  throw new Error('unreachable');
}

/**
 * Demo meetings of Chi bộ thôn Đồng Tâm, relative to today: the last three monthly meetings,
 * closed, with attendance (for statistics), and next month's, with invitations sent; plus a
 * draft standing-committee meeting of Huyện ủy Kim Bảng that the office is preparing.
 */
export async function seedDemoMeetings(tx: Transaction, random: () => number, now = new Date()) {
  const [cell] = await tx
    .select({ bodyId: bodies.id, organizationId: organizations.id })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(organizations.name, 'Chi bộ thôn Đồng Tâm'), eq(bodies.kind, 'cell_assembly')));
  const seats = await seatsOf(tx, cell!.bodyId);
  const chair = seats.find((s) => s.title === 'Bí thư')!.userId;
  const minuteTaker = seats.find((s) => s.title === 'Phó Bí thư')!.userId;
  const invited = seats.filter((s) => !NOT_INVITED.includes(s.status));
  const today = toVietnamParts(now).date;
  const [year, month] = today.split('-').map(Number) as [number, number];

  const closed: string[] = [];
  for (let back = 3; back >= -1; back--) {
    const m = month - back;
    const y = m <= 0 ? year - 1 : m > 12 ? year + 1 : year;
    const mm = ((m - 1 + 12) % 12) + 1;
    const { start, end } = firstMondayEvening(y, mm);
    const past = end < now;
    const [meeting] = await tx
      .insert(meetings)
      .values({
        organizationId: cell!.organizationId,
        bodyId: cell!.bodyId,
        kind: 'regular',
        title: `Sinh hoạt chi bộ định kỳ tháng ${mm}/${y}`,
        startsAt: start,
        endsAt: end,
        location: 'Nhà văn hóa thôn Đồng Tâm',
        chairId: chair,
        minuteTakerId: minuteTaker,
        status: past ? 'closed' : 'invited',
        invitedAt: new Date(start.getTime() - 7 * 86_400_000),
        startedAt: past ? start : null,
        closedAt: past ? end : null,
      })
      .returning({ id: meetings.id });
    await tx.insert(agendaItems).values(CELL_AGENDA.map((item, position) => ({ ...item, position, meetingId: meeting!.id })));
    await tx.insert(invitations).values(
      invited.map((s) => ({
        meetingId: meeting!.id,
        userId: s.userId,
        response: past ? ('attending' as const) : ('pending' as const),
        notifiedAt: new Date(start.getTime() - 7 * 86_400_000),
      })),
    );
    if (past) {
      closed.push(meeting!.id);
      await tx.insert(attendance).values(
        invited.map((s) => {
          const roll = random();
          const status: AttendanceStatus = roll < 0.08 ? 'excused_absent' : roll < 0.12 ? 'late' : 'present';
          return {
            meetingId: meeting!.id,
            userId: s.userId,
            status,
            reason: status === 'excused_absent' ? 'Đi làm ăn xa' : null,
            checkedInAt: status === 'excused_absent' ? null : start,
            markedBy: minuteTaker,
          };
        }),
      );
    }
  }

  // Next month's meeting has its draft resolution attached to the decision item.
  const upcoming = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.bodyId, cell!.bodyId), eq(meetings.status, 'invited')));
  if (upcoming[0]) {
    const [decision] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, upcoming[0].id), eq(agendaItems.kind, 'decision')));
    const pdf = await draftResolutionPdf();
    const stored = await getStorage().put(Buffer.from(pdf));
    await tx.insert(meetingDocuments).values({
      meetingId: upcoming[0].id,
      agendaItemId: decision!.id,
      title: 'Dự thảo Nghị quyết chi bộ tháng',
      fileName: 'Dự thảo Nghị quyết chi bộ.pdf',
      contentType: 'application/pdf',
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
      uploadedBy: minuteTaker,
    });
  }

  // The oldest meeting's minutes: drafted by the minute-taker, approved by chair and secretary.
  if (closed[0]) {
    const first = closed[0];
    const draft = await createMinutesDraft(tx, first, minuteTaker);
    for (const [userId, capacity] of [[chair, 'chair'], [minuteTaker, 'secretary']] as const) {
      const access = (await meetingAccess(tx, await principalOf(tx, userId), first))!;
      const [row] = await tx.select({ lockVersion: minutes.lockVersion }).from(minutes).where(eq(minutes.meetingId, first));
      await approveMinutes(tx, { meetingId: first, version: draft.version, lockVersion: row!.lockVersion, capacity }, { id: userId }, access);
    }
  }

  const [standing] = await tx
    .select({ bodyId: bodies.id, organizationId: organizations.id })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(organizations.name, 'Huyện ủy Kim Bảng'), eq(bodies.kind, 'standing_committee')));
  const leaders = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ['secretary@quorum.local', 'deputy@quorum.local', 'clerk@quorum.local']));
  const id = (email: string) => leaders.find((l) => l.email === email)!.id;
  const nextWeek = toVietnamParts(new Date(now.getTime() + 7 * 86_400_000)).date;
  const [draft] = await tx
    .insert(meetings)
    .values({
      organizationId: standing!.organizationId,
      bodyId: standing!.bodyId,
      kind: 'regular',
      title: 'Hội nghị Ban Thường vụ Huyện ủy thường kỳ',
      startsAt: fromVietnamTime(nextWeek, '08:00')!,
      endsAt: fromVietnamTime(nextWeek, '11:30')!,
      location: 'Phòng họp Ban Thường vụ, trụ sở Huyện ủy',
      chairId: id('secretary@quorum.local'),
      minuteTakerId: id('deputy@quorum.local'),
      createdBy: id('clerk@quorum.local'),
    })
    .returning({ id: meetings.id });
  await tx.insert(agendaItems).values([
    { meetingId: draft!.id, position: 0, title: 'Báo cáo kết quả lãnh đạo thực hiện nhiệm vụ quý IV', presenter: 'Văn phòng Huyện ủy', plannedMinutes: 45, kind: 'report' },
    { meetingId: draft!.id, position: 1, title: 'Cho ý kiến dự thảo Chương trình công tác năm của Ban Chấp hành', presenter: 'Phó Bí thư Thường trực', plannedMinutes: 60, kind: 'discussion' },
    { meetingId: draft!.id, position: 2, title: 'Xem xét, quyết định công tác cán bộ', presenter: 'Ban Tổ chức Huyện ủy', plannedMinutes: 45, kind: 'election', hiddenFromGuests: true },
  ]);

  // The standing committee's work programme for this year, as the office keeps it.
  const programme = await createProgramme(tx, await principalOf(tx, id('clerk@quorum.local')), { bodyId: standing!.bodyId, year });
  for (const [quarter, topic] of [
    [1, 'Lãnh đạo tổ chức Tết Nguyên đán, bảo đảm an ninh trật tự'],
    [2, 'Sơ kết 6 tháng thực hiện Nghị quyết Đại hội Đảng bộ huyện'],
    [3, 'Lãnh đạo công tác phòng, chống thiên tai, mùa mưa bão'],
    [4, 'Tổng kết công tác năm, kiểm điểm, đánh giá, xếp loại chất lượng'],
  ] as const) {
    await addProgrammeItem(tx, { id: programme.id, year }, { period: 'quarter', quarter, kind: 'regular', topic });
  }

  await seedDemoVotes(tx, now);
}

/** A one-page draft resolution, in Vietnamese, for the demo meeting pack. */
async function draftResolutionPdf() {
  const doc = await PDFDocument.create();
  const { regular, bold } = await embedVietnameseFonts(doc);
  const page = doc.addPage([595, 842]);
  const lines: [string, typeof bold, number][] = [
    ['ĐẢNG BỘ XÃ TÂN SƠN', bold, 12],
    ['CHI BỘ THÔN ĐỒNG TÂM', bold, 12],
    ['', regular, 12],
    ['DỰ THẢO NGHỊ QUYẾT', bold, 16],
    ['Lãnh đạo thực hiện nhiệm vụ tháng tới', regular, 12],
    ['', regular, 12],
    ['1. Tiếp tục lãnh đạo phát triển kinh tế, chăm sóc lúa vụ đông.', regular, 12],
    ['2. Vận động đảng viên, nhân dân tham gia xây dựng nông thôn mới.', regular, 12],
    ['3. Chuẩn bị tổng kết công tác năm, đánh giá, xếp loại đảng viên.', regular, 12],
  ];
  let y = 780;
  for (const [text, font, size] of lines) {
    if (text) page.drawText(text, { x: 60, y, size, font });
    y -= size + 10;
  }
  return doc.save();
}

/** A principal (roles with organisation paths) for seeding through the domain functions. */
async function principalOf(tx: Transaction, userId: string): Promise<Principal & { id: string }> {
  const rows = await tx
    .select({ organizationId: memberships.organizationId, organizationPath: organizations.path, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId));
  return { id: userId, isAdmin: false, memberships: rows };
}
