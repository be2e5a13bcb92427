import { and, desc, eq } from 'drizzle-orm';
import {
  agendaItems,
  attendance,
  ballotOptions,
  ballotParticipation,
  ballotVoters,
  ballots,
  bodies,
  bodySeats,
  meetings,
  namedVotes,
  organizations,
} from '@/db/schema';
import type { Transaction } from '@/lib/db/client';
import { isCountedMember, PRESENT_STATUSES } from '@/lib/meetings/quorum';
import { countBallot } from '@/lib/votes/ballots';

const CHOICES = [
  { choice: 'agree' as const, label: 'Tán thành' },
  { choice: 'disagree' as const, label: 'Không tán thành' },
  { choice: 'abstain' as const, label: 'Không biểu quyết' },
];

/**
 * Demo votes of Chi bộ thôn Đồng Tâm: the monthly resolution of the latest closed meeting, voted
 * by show of hands and passed; and an open written question (lấy ý kiến bằng văn bản) due in a
 * month, for the members to answer from their tablets.
 */
export async function seedDemoVotes(tx: Transaction, now: Date) {
  const [cell] = await tx
    .select({ bodyId: bodies.id, organizationId: organizations.id })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(organizations.name, 'Chi bộ thôn Đồng Tâm'), eq(bodies.kind, 'cell_assembly')));
  if (!cell) return;
  const seats = await tx.select({ userId: bodySeats.userId, status: bodySeats.status }).from(bodySeats).where(eq(bodySeats.bodyId, cell.bodyId));

  const [meeting] = await tx
    .select({ id: meetings.id, chairId: meetings.chairId, startedAt: meetings.startedAt, closedAt: meetings.closedAt })
    .from(meetings)
    .where(and(eq(meetings.bodyId, cell.bodyId), eq(meetings.status, 'closed')))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  if (meeting) {
    const [item] = await tx
      .select({ id: agendaItems.id, title: agendaItems.title })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.kind, 'decision')));
    const marks = new Map(
      (await tx.select({ userId: attendance.userId, status: attendance.status }).from(attendance).where(eq(attendance.meetingId, meeting.id))).map((m) => [
        m.userId,
        m.status,
      ]),
    );
    const voters = seats
      .filter((s) => isCountedMember(s.status, marks.get(s.userId)))
      .map((s) => {
        const mark = marks.get(s.userId) ?? null;
        return { userId: s.userId, attendance: mark, mayVote: mark !== null && mark !== 'online' && PRESENT_STATUSES.includes(mark) };
      });
    const openedAt = new Date((meeting.closedAt ?? now).getTime() - 20 * 60_000);
    const [ballot] = await tx
      .insert(ballots)
      .values({
        organizationId: cell.organizationId,
        bodyId: cell.bodyId,
        meetingId: meeting.id,
        agendaItemId: item!.id,
        kind: 'named',
        question: item!.title,
        passNumerator: 1,
        passDenominator: 2,
        countedMembers: voters.length,
        eligibleVoters: voters.filter((v) => v.mayVote).length,
        openedBy: meeting.chairId,
        openedAt,
      })
      .returning();
    const options = await tx
      .insert(ballotOptions)
      .values(CHOICES.map((c, i) => ({ ballotId: ballot!.id, position: i + 1, ...c })))
      .returning({ id: ballotOptions.id, choice: ballotOptions.choice });
    await tx.insert(ballotVoters).values(voters.map((v) => ({ ballotId: ballot!.id, ...v })));
    const voting = voters.filter((v) => v.mayVote);
    if (voting.length) {
      await tx.insert(ballotParticipation).values(voting.map((v) => ({ ballotId: ballot!.id, userId: v.userId })));
      // Everyone agrees but one member, who abstains.
      await tx.insert(namedVotes).values(
        voting.map((v, i) => ({
          ballotId: ballot!.id,
          userId: v.userId,
          optionId: options.find((o) => o.choice === (i === 1 ? 'abstain' : 'agree'))!.id,
          castAt: new Date(openedAt.getTime() + 60_000),
        })),
      );
    }
    const result = await countBallot(tx, ballot!);
    await tx
      .update(ballots)
      .set({ status: 'closed', closedAt: new Date(openedAt.getTime() + 5 * 60_000), closedBy: meeting.chairId, result: result as unknown as Record<string, unknown>, passed: result.passed })
      .where(eq(ballots.id, ballot!.id));
  }

  const active = seats.filter((s) => s.status === 'active');
  const [question] = await tx
    .insert(ballots)
    .values({
      organizationId: cell.organizationId,
      bodyId: cell.bodyId,
      kind: 'named',
      question: 'Xin ý kiến về việc vận động đảng viên đóng góp xây dựng nhà văn hóa thôn',
      description: 'Chi ủy đề nghị mỗi đảng viên đóng góp ngày công và kinh phí theo khả năng để sửa chữa nhà văn hóa thôn trước mùa mưa bão. Đề nghị các đồng chí cho ý kiến.',
      passNumerator: 1,
      passDenominator: 2,
      deadline: new Date(now.getTime() + 30 * 86_400_000),
      countedMembers: active.length,
      eligibleVoters: active.length,
      openedAt: now,
    })
    .returning({ id: ballots.id });
  await tx.insert(ballotOptions).values(CHOICES.map((c, i) => ({ ballotId: question!.id, position: i + 1, ...c })));
  await tx.insert(ballotVoters).values(active.map((s) => ({ ballotId: question!.id, userId: s.userId, attendance: null, mayVote: true })));
}
