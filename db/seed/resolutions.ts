import { and, asc, eq, inArray } from 'drizzle-orm';
import { agendaItems, committeeTerms, documentIssuers, meetings, memberships, organizations } from '@/db/schema';
import type { Transaction } from '@/lib/db/client';
import { toVietnamParts } from '@/lib/meetings/time';
import { defaultIssuer } from '@/lib/resolutions/issuers';
import { createDraft, issueResolution } from '@/lib/resolutions/lifecycle';

const MONTHLY_BODY = `I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG
Chi bộ đã lãnh đạo đảng viên và nhân dân trong thôn hoàn thành các nhiệm vụ đề ra: chăm sóc lúa và hoa màu, giữ gìn an ninh trật tự, vệ sinh môi trường; các đoàn thể hoạt động đều.

II. NHIỆM VỤ THÁNG TỚI
1. Tiếp tục lãnh đạo phát triển kinh tế, chăm sóc cây trồng vụ đông.
2. Vận động đảng viên, nhân dân tham gia xây dựng nông thôn mới kiểu mẫu.
3. Chuẩn bị tổng kết công tác năm, đánh giá, xếp loại chất lượng đảng viên.

III. TỔ CHỨC THỰC HIỆN
Các đồng chí đảng viên căn cứ nhiệm vụ được phân công tổ chức thực hiện Nghị quyết.`;

/** `2025–2030` → the term from July of the first year to June of the second. */
function termDates(name: string) {
  const m = /^(\d{4})\D+(\d{4})$/.exec(name);
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [2025, 2030];
  return { startsOn: `${from}-07-01`, endsOn: `${to}-06-30`, length: to - from };
}

/**
 * Issuer codes and headers, and the current and previous committee terms, for every organisation;
 * with `samples`, the monthly resolutions of Chi bộ thôn Đồng Tâm's closed meetings, issued.
 */
export async function seedDemoResolutions(tx: Transaction, options: { samples: boolean }) {
  const orgs = await tx
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, code: organizations.code, parentId: organizations.parentId, currentTerm: organizations.currentTerm })
    .from(organizations);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  for (const org of orgs) {
    const parent = org.parentId ? (byId.get(org.parentId) ?? null) : null;
    await tx.insert(documentIssuers).values({ organizationId: org.id, ...defaultIssuer(org, parent) });
    const current = termDates(org.currentTerm);
    const [from] = current.startsOn.split('-').map(Number) as [number];
    const previous = { name: `${from - current.length}–${from}`, startsOn: `${from - current.length}-07-01`, endsOn: `${from}-06-30` };
    await tx.insert(committeeTerms).values([
      { organizationId: org.id, ...previous },
      { organizationId: org.id, name: org.currentTerm, startsOn: current.startsOn, endsOn: current.endsOn },
    ]);
  }
  if (options.samples) await issueCellResolutions(tx);
}

async function issueCellResolutions(tx: Transaction) {
  const [cell] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, 'Chi bộ thôn Đồng Tâm'));
  const [secretary] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, cell!.id), eq(memberships.role, 'secretary')));
  const held = await tx
    .select({ id: meetings.id, startsAt: meetings.startsAt, title: meetings.title })
    .from(meetings)
    .where(and(eq(meetings.organizationId, cell!.id), inArray(meetings.status, ['closed', 'minutes_approved'])))
    .orderBy(asc(meetings.startsAt));
  const today = toVietnamParts(new Date()).date;
  for (const meeting of held) {
    const [decision] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.kind, 'decision')));
    const month = meeting.title.replace(/^.*tháng\s+/u, '');
    const draft = await createDraft(
      tx,
      {
        organizationId: cell!.id,
        type: 'NQ',
        congress: false,
        title: `Về lãnh đạo thực hiện nhiệm vụ tháng sau kỳ sinh hoạt tháng ${month}`,
        body: MONTHLY_BODY,
        recipients: 'Đảng ủy xã Tân Sơn (để báo cáo)\nCác đồng chí đảng viên trong chi bộ\nLưu chi bộ',
        signingCapacity: 'T/M CHI BỘ',
        signerId: secretary!.userId,
        meetingId: meeting.id,
        agendaItemId: decision?.id ?? null,
        ballotId: null,
      },
      secretary!.userId,
    );
    const issuedOn = toVietnamParts(meeting.startsAt).date;
    await issueResolution(
      tx,
      { resolutionId: draft.id, issuedOn: issuedOn > today ? today : issuedOn, signerId: secretary!.userId, signingCapacity: 'T/M CHI BỘ' },
      secretary!.userId,
    );
  }
}
