import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetings, minutes } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { AppError } from '@/lib/server/errors';
import { viewerFor } from '@/lib/test/fixtures';
import { meetingAccess } from './access';
import {
  approveMinutes,
  approvedMinutesFile,
  createMinutesDraft,
  listMinutes,
  minutesRights,
  saveMinutesBody,
  startCorrection,
} from './minutes';
import { readStoredFile } from './minutes-pdf';
import { cellBody, insertMeeting } from './test-fixtures';

process.env.QUORUM_DATA_DIR = await mkdtemp(path.join(tmpdir(), 'quorum-minutes-'));
resetEnvCache();
afterAll(() => rm(process.env.QUORUM_DATA_DIR!, { recursive: true, force: true }));

let cell: Awaited<ReturnType<typeof cellBody>>;
let chair: Viewer; // the cell's secretary chairs
let deputy: Viewer; // approves as secretary
let member: Viewer; // the minute-taker
let districtSecretary: Viewer;

beforeAll(async () => {
  cell = await cellBody('Chi bộ thôn Đồng Tâm');
  chair = await viewerFor(cell.secretaryEmail);
  deputy = await viewerFor(cell.deputyEmail);
  member = await viewerFor('member@quorum.local');
  districtSecretary = await viewerFor('secretary@quorum.local');
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const tx = <T>(fn: (db: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0]) => Promise<T>) => getDb().transaction(fn);
const access = async (viewer: Viewer, meetingId: string) => (await meetingAccess(getDb(), viewer, meetingId))!;

let day = 1;
async function closedMeeting(options: Partial<Parameters<typeof insertMeeting>[0]> = {}) {
  return insertMeeting({
    cell,
    startsAt: new Date(Date.UTC(2026, 1, day++, 12, 30)),
    chairId: chair.id,
    minuteTakerId: member.id,
    ...options,
  });
}

describe('minutes draft', () => {
  it('is built from what happened: time, place, people, attendance with reasons, quorum, agenda and speakers', async () => {
    const active = cell.seats.filter((s) => s.status === 'active' && s.userId !== chair.id && s.userId !== member.id);
    const [online, late, excused, unexcused, speaker] = active;
    const exempted = cell.seats.find((s) => s.status === 'exempted')!;
    const guest = districtSecretary.id;
    const id = await closedMeeting({
      title: 'Sinh hoạt chi bộ định kỳ tháng 2/2026',
      marks: {
        [online!.userId]: { status: 'online' },
        [late!.userId]: { status: 'late' },
        [excused!.userId]: { status: 'excused_absent', reason: 'Đi công tác tỉnh' },
        [unexcused!.userId]: { status: 'unexcused_absent' },
        [exempted.userId]: { status: 'excused_absent', reason: 'Tuổi cao' },
      },
      guests: [guest],
      agenda: [
        { title: 'Báo cáo kết quả tháng 1', presenter: 'Bí thư chi bộ', speakers: [speaker!.userId, member.id] },
        { title: 'Triển khai nhiệm vụ tháng 2' },
      ],
    });
    await tx((db) => createMinutesDraft(db, id, member.id));
    const [v1] = await listMinutes(getDb(), id);
    const body = v1!.body;

    expect(v1).toMatchObject({ version: 1, status: 'draft', lockVersion: 0 });
    expect(body).toContain('ĐẢNG CỘNG SẢN VIỆT NAM\nChi bộ thôn Đồng Tâm');
    expect(body).toContain('SINH HOẠT CHI BỘ ĐỊNH KỲ THÁNG 2/2026');
    expect(body).toContain('bắt đầu lúc 19 giờ 30, ngày 01/02/2026, kết thúc lúc 21 giờ 30, ngày 01/02/2026');
    expect(body).toContain('- Địa điểm: Nhà văn hóa thôn.');
    expect(body).toContain(`- Chủ trì: đồng chí ${chair.name}.`);
    expect(body).toContain(`- Thư ký: đồng chí ${member.name}.`);
    expect(body).toContain(`${online!.name} — Đảng viên (dự trực tuyến)`);
    expect(body).toContain(`${late!.name} — Đảng viên (đến muộn)`);
    expect(body).toContain('- Vắng có lý do: 1 đồng chí:');
    expect(body).toContain(`${excused!.name} — Đảng viên — lý do: Đi công tác tỉnh`);
    expect(body).toContain(`- Vắng không có lý do: 1 đồng chí:\n  1. ${unexcused!.name}`);
    expect(body).not.toContain('Tuổi cao'); // exempted and absent: not counted, not listed
    expect(body).toContain(`- Khách mời: 1 người:\n  1. ${districtSecretary.name}`);

    const notCounted = cell.seats.filter((s) => s.status !== 'active').length;
    const counted = cell.seats.length - notCounted;
    const present = counted - 2;
    expect(body).toContain(`- Tổng số thành viên: ${cell.seats.length} đồng chí; không tính khi xác định số lượng: ${notCounted} đồng chí; số được tính: ${counted} đồng chí.`);
    expect(body).toContain(`- Số có mặt ${present}/${counted} đồng chí được tính (cần ít nhất ${Math.floor(counted / 2) + 1}): cuộc họp đủ điều kiện tiến hành.`);

    const first = body.indexOf('1. Báo cáo kết quả tháng 1');
    const second = body.indexOf('2. Triển khai nhiệm vụ tháng 2');
    expect(first).toBeGreaterThan(body.indexOf('III. NỘI DUNG'));
    expect(second).toBeGreaterThan(first);
    expect(body).toContain('   Trình bày: Bí thư chi bộ.');
    expect(body).toContain(`   Ý kiến phát biểu: đồng chí ${speaker!.name}, đồng chí ${member.name}.`);
    expect(body.slice(second)).toContain('   Không có ý kiến phát biểu.');
    expect(body).toContain('IV. KẾT LUẬN VÀ QUYẾT ĐỊNH');

    // Only once, and only after the meeting has closed.
    expect((await refusal(tx((db) => createMinutesDraft(db, id, member.id)))).options.messageKey).toBe('minutes.errors.exists');
    const open = await closedMeeting({ status: 'in_progress' });
    expect((await refusal(tx((db) => createMinutesDraft(db, open, member.id)))).options.messageKey).toBe('minutes.errors.notClosed');
  });

  it('gives the right people the right rights', async () => {
    const id = await closedMeeting();
    expect(minutesRights(await access(member, id))).toMatchObject({ canEdit: true, canApproveAsChair: false, canApproveAsSecretary: false });
    expect(minutesRights(await access(chair, id))).toMatchObject({ canApproveAsChair: true, canApproveAsSecretary: true });
    expect(minutesRights(await access(deputy, id))).toMatchObject({ canApproveAsChair: false, canApproveAsSecretary: true });
    // The district secretary oversees the cell: reads drafts, but neither edits nor approves.
    expect(minutesRights(await access(districtSecretary, id))).toMatchObject({ canEdit: false, canSeeDrafts: true, canApproveAsSecretary: false });
    const plain = cell.seats.find((s) => s.status === 'active' && ![chair.id, deputy.id, member.id].includes(s.userId))!;
    const other = await viewerFor(plain.email);
    expect(minutesRights(await access(other, id))).toMatchObject({ canEdit: false, canSeeDrafts: false, canSeeApproved: true });
  });
});

describe('editing with optimistic locking', () => {
  it('refuses a stale save from a second editor and never overwrites', async () => {
    const id = await closedMeeting();
    await tx((db) => createMinutesDraft(db, id, member.id));
    const [loaded] = await listMinutes(getDb(), id); // both editors open lockVersion 0
    const first = await tx((db) => saveMinutesBody(db, { meetingId: id, version: 1, lockVersion: loaded!.lockVersion, body: 'Bản của thư ký' }, member.id));
    expect(first.lockVersion).toBe(1);
    const stale = await refusal(
      tx((db) => saveMinutesBody(db, { meetingId: id, version: 1, lockVersion: loaded!.lockVersion, body: 'Bản của văn phòng' }, chair.id)),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', options: { messageKey: 'minutes.errors.stale' } });
    const [after] = await listMinutes(getDb(), id);
    expect(after).toMatchObject({ body: 'Bản của thư ký', lockVersion: 1, updatedByName: member.name });

    // Two saves at the same moment from the same version: exactly one wins.
    const results = await Promise.allSettled(
      ['A', 'B'].map((body) => tx((db) => saveMinutesBody(db, { meetingId: id, version: 1, lockVersion: 1, body }, member.id))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [final] = await listMinutes(getDb(), id);
    expect(final!.lockVersion).toBe(2);
  });
});

describe('approval', () => {
  it('needs the chair and the secretary; then the text is locked, archived as a PDF and the meeting moves on', async () => {
    const id = await closedMeeting();
    await tx((db) => createMinutesDraft(db, id, member.id));
    const chairAccess = await access(chair, id);
    const deputyAccess = await access(deputy, id);

    // Nobody approves in a capacity they do not hold.
    expect((await refusal(tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 0, capacity: 'chair' }, deputy, deputyAccess)))).code).toBe('NOT_FOUND');
    const memberAccess = await access(member, id);
    expect((await refusal(tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 0, capacity: 'secretary' }, member, memberAccess)))).code).toBe('NOT_FOUND');

    const one = await tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 0, capacity: 'chair' }, chair, chairAccess));
    expect(one.completed).toBe(false);
    expect((await refusal(tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 1, capacity: 'chair' }, chair, chairAccess)))).options.messageKey).toBe('minutes.errors.alreadyApproved');
    // Approving a text one has not seen (an old lockVersion) is refused.
    expect((await refusal(tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 0, capacity: 'secretary' }, deputy, deputyAccess)))).options.messageKey).toBe('minutes.errors.stale');

    // An edit after an approval clears it: the chair approved another text.
    const edited = await tx((db) => saveMinutesBody(db, { meetingId: id, version: 1, lockVersion: 1, body: 'BIÊN BẢN\nNội dung đã sửa — kết luận: thống nhất.' }, member.id));
    expect(edited.approvalsCleared).toBe(true);
    await tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 2, capacity: 'secretary' }, deputy, deputyAccess));
    const done = await tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 3, capacity: 'chair' }, chair, chairAccess));
    expect(done).toMatchObject({ completed: true, meetingStatusChanged: true });

    const [v1] = await listMinutes(getDb(), id);
    expect(v1).toMatchObject({ status: 'approved', chairApproverName: chair.name, secretaryApproverName: deputy.name });
    expect(v1!.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const [meeting] = await getDb().select({ status: meetings.status }).from(meetings).where(eq(meetings.id, id));
    expect(meeting!.status).toBe('minutes_approved');

    const file = await approvedMinutesFile(getDb(), id, 1);
    const bytes = await readStoredFile(file!.storageKey, file!.sha256);
    const pdf = await PDFDocument.load(bytes!);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()).toContain('Biên bản');

    // Immutable: no edit, no further approval, even with the current lockVersion.
    const save = await refusal(tx((db) => saveMinutesBody(db, { meetingId: id, version: 1, lockVersion: v1!.lockVersion, body: 'sửa lén' }, member.id)));
    expect(save).toMatchObject({ code: 'CONFLICT', options: { messageKey: 'minutes.errors.approved' } });
    const again = await refusal(tx((db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: v1!.lockVersion, capacity: 'chair' }, chair, chairAccess)));
    expect(again.options.messageKey).toBe('minutes.errors.approved');
    const [unchanged] = await listMinutes(getDb(), id);
    expect(unchanged!.body).toBe('BIÊN BẢN\nNội dung đã sửa — kết luận: thống nhất.');
  });

  it('a long text runs over several numbered pages', async () => {
    const id = await closedMeeting();
    await tx((db) => createMinutesDraft(db, id, member.id));
    const long = Array.from({ length: 160 }, (_, i) => `${i + 1}. Ý kiến thảo luận về công tác xây dựng Đảng và phát triển kinh tế thôn, dòng số ${i + 1}.`).join('\n');
    await tx((db) => saveMinutesBody(db, { meetingId: id, version: 1, lockVersion: 0, body: long }, member.id));
    await tx(async (db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 1, capacity: 'chair' }, chair, await access(chair, id)));
    await tx(async (db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 2, capacity: 'secretary' }, deputy, await access(deputy, id)));
    const file = await approvedMinutesFile(getDb(), id, 1);
    const pdf = await PDFDocument.load((await readStoredFile(file!.storageKey, file!.sha256))!);
    expect(pdf.getPageCount()).toBeGreaterThan(2);
  });
});

describe('correction', () => {
  it('creates version n+1 as a copy with a reason, approved again; the approved version stays as it was', async () => {
    const id = await closedMeeting();
    await tx((db) => createMinutesDraft(db, id, member.id));
    expect((await refusal(tx((db) => startCorrection(db, { meetingId: id, reason: 'Ghi sai tên' }, member.id)))).options.messageKey).toBe('minutes.errors.openDraft');
    await tx(async (db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 0, capacity: 'chair' }, chair, await access(chair, id)));
    await tx(async (db) => approveMinutes(db, { meetingId: id, version: 1, lockVersion: 1, capacity: 'secretary' }, deputy, await access(deputy, id)));
    const [v1] = await listMinutes(getDb(), id);

    const v2 = await tx((db) => startCorrection(db, { meetingId: id, reason: 'Ghi sai tên một đồng chí vắng mặt' }, member.id));
    expect(v2.version).toBe(2);
    expect((await refusal(tx((db) => startCorrection(db, { meetingId: id, reason: 'Lần nữa' }, member.id)))).options.messageKey).toBe('minutes.errors.openDraft');
    const [latest, first] = await listMinutes(getDb(), id);
    expect(latest).toMatchObject({ version: 2, status: 'draft', body: v1!.body, correctionReason: 'Ghi sai tên một đồng chí vắng mặt', lockVersion: 0 });
    expect(first).toMatchObject({ version: 1, status: 'approved', pdfSha256: v1!.pdfSha256 });

    await tx((db) => saveMinutesBody(db, { meetingId: id, version: 2, lockVersion: 0, body: `${v1!.body}\n(đã đính chính)` }, member.id));
    await tx(async (db) => approveMinutes(db, { meetingId: id, version: 2, lockVersion: 1, capacity: 'chair' }, chair, await access(chair, id)));
    const done = await tx(async (db) => approveMinutes(db, { meetingId: id, version: 2, lockVersion: 2, capacity: 'secretary' }, deputy, await access(deputy, id)));
    expect(done).toMatchObject({ completed: true, meetingStatusChanged: false }); // already minutes_approved
    const rows = await getDb().select({ version: minutes.version, status: minutes.status }).from(minutes).where(and(eq(minutes.meetingId, id)));
    expect(rows.every((r) => r.status === 'approved')).toBe(true);
  });
});

describe('approved minutes in the database', () => {
  it('cannot be changed or deleted by any client, even outside the application', async () => {
    const meetingId = await closedMeeting();
    await getDb().insert(minutes).values({ meetingId, version: 1, body: 'Biên bản đã duyệt', status: 'approved' });
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { cause?: { code?: string }; code?: string }) => e.cause?.code ?? e.code);
    const mine = eq(minutes.meetingId, meetingId);
    expect(await code(getDb().update(minutes).set({ body: 'sửa' }).where(mine))).toBe('23000');
    expect(await code(getDb().delete(minutes).where(mine))).toBe('23000');
    const [row] = await getDb().select({ body: minutes.body }).from(minutes).where(mine);
    expect(row!.body).toBe('Biên bản đã duyệt');
  });
});
