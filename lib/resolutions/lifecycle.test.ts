import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaItems, ballots, meetings, resolutions } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { AppError, rootCause } from '@/lib/server/errors';
import { addTerm, issuerFor, termOn, termsOf, updateTerm } from './issuers';
import { abandonNumber, deleteDraft, issueResolution, reserveNumber, updateDraft, vietnamToday } from './lifecycle';
import { demoBody } from '@/lib/meetings/test-helpers';
import { issuedResolutionPdf } from './pdf';
import { meetingChoices } from './queries';
import { insertDraft, organizationId, resolutionRow, userId } from './test-fixtures';

process.env.QUORUM_DATA_DIR = await mkdtemp(path.join(tmpdir(), 'quorum-resolutions-'));
// Fifty issues at once each hold the series row while their PDF is rendered: with the default pool
// of 10, the last ones could wait past the pool's 5 s connection timeout on a loaded CI machine.
process.env.DB_POOL_MAX = '55';
resetEnvCache();
afterAll(() => rm(process.env.QUORUM_DATA_DIR!, { recursive: true, force: true }));

let kimBang: string;
let secretary: string; // secretary of Huyện ủy Kim Bảng
let clerk: string;
const today = vietnamToday();

beforeAll(async () => {
  kimBang = await organizationId('Huyện ủy Kim Bảng');
  secretary = await userId('secretary@quorum.local');
  clerk = await userId('clerk@quorum.local');
});

const issue = (resolutionId: string, signerId: string, issuedOn = today, actor = signerId) =>
  getDb().transaction((tx) => issueResolution(tx, { resolutionId, issuedOn, signerId, signingCapacity: 'T/M BAN THƯỜNG VỤ' }, actor));

/** The refusal of a change: an AppError with its message key and field. */
async function refusal(change: Promise<unknown>) {
  const error = await change.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const { code, options } = error as AppError;
  return { code, messageKey: options.messageKey, field: options.field };
}

/** The Postgres error code of a statement the database refuses. */
async function databaseRefusal(statement: ReturnType<typeof sql>) {
  const error = await getDb()
    .execute(statement)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error, 'the database accepted the statement').toBeDefined();
  return rootCause(error).code;
}

describe('document numbers', () => {
  it('50 documents issued at once get 01…50 exactly once each, in one series', async () => {
    const drafts = [];
    for (let i = 0; i < 50; i++) drafts.push((await insertDraft(kimBang, clerk, { title: `Nghị quyết thử số ${i}` })).id);
    const issued = await Promise.all(drafts.map((id) => issue(id, secretary)));
    const numbers = issued.map((r) => r.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(issued.map((r) => r.numberSymbol)).size).toBe(50);
    expect(issued.map((r) => r.numberSymbol)).toContain('01-NQ/HU');
    expect(issued.map((r) => r.numberSymbol)).toContain('50-NQ/HU');
    const rows = await getDb()
      .select({ status: resolutions.status, number: resolutions.number })
      .from(resolutions)
      .where(and(eq(resolutions.organizationId, kimBang), eq(resolutions.series, 'NQ')));
    expect(rows.filter((r) => r.status === 'issued')).toHaveLength(50);
  }, 180_000);

  it('an abandoned reservation is recorded void and its number is never given again; no other gaps', async () => {
    const first = await insertDraft(kimBang, clerk, { type: 'KL', title: 'Kết luận về công tác cán bộ' });
    const second = await insertDraft(kimBang, clerk, { type: 'KL', title: 'Kết luận về công tác kiểm tra' });
    const held = await getDb().transaction((tx) => reserveNumber(tx, { resolutionId: first.id }, clerk));
    expect(held.numberSymbol).toBe('01-KL/HU');
    const voided = await getDb().transaction((tx) => abandonNumber(tx, { resolutionId: first.id, reason: 'Trình ký lại sau' }, clerk));
    const voidRow = await resolutionRow(first.id);
    expect(voidRow).toMatchObject({ status: 'void', numberSymbol: '01-KL/HU', voidReason: 'Trình ký lại sau' });
    // The content continues in a new draft without a number.
    expect(await resolutionRow(voided.draftId)).toMatchObject({ status: 'draft', number: null, title: 'Kết luận về công tác cán bộ', type: 'KL' });

    const [a, b] = await Promise.all([issue(second.id, secretary), issue(voided.draftId, secretary)]);
    expect([a.numberSymbol, b.numberSymbol].sort()).toEqual(['02-KL/HU', '03-KL/HU']);
    // Every number 1…3 exists exactly once: issued or recorded void.
    const register = await getDb()
      .select({ number: resolutions.number, status: resolutions.status })
      .from(resolutions)
      .where(and(eq(resolutions.organizationId, kimBang), eq(resolutions.series, 'KL')))
      .orderBy(resolutions.number);
    expect(register).toEqual([
      { number: 1, status: 'void' },
      { number: 2, status: 'issued' },
      { number: 3, status: 'issued' },
    ]);
    // A void record can be neither reissued nor reopened.
    expect(await refusal(issue(first.id, secretary))).toMatchObject({ code: 'CONFLICT', messageKey: 'resolutions.errors.isVoid' });
  });

  it('keeps independent sequences per issuer, per type, and one shared congress sequence', async () => {
    const thanhLiem = await organizationId('Huyện ủy Thanh Liêm');
    const [thanhLiemSecretary] = await getDb().execute<{ user_id: string }>(
      sql`select user_id from memberships where organization_id = ${thanhLiem} and role = 'secretary'`,
    ).then((r) => r.rows);
    const other = await insertDraft(thanhLiem, thanhLiemSecretary!.user_id);
    expect((await issue(other.id, thanhLiemSecretary!.user_id)).numberSymbol).toBe('01-NQ/HU');

    const notice = await insertDraft(kimBang, clerk, { type: 'TB', title: 'Thông báo kết luận của Ban Thường vụ' });
    expect((await issue(notice.id, secretary)).numberSymbol).toBe('01-TB/HU');

    const congressResolution = await insertDraft(kimBang, clerk, { type: 'NQ', congress: true, title: 'Nghị quyết Đại hội' });
    const congressReport = await insertDraft(kimBang, clerk, { type: 'BC', congress: true, title: 'Báo cáo chính trị' });
    expect((await issue(congressResolution.id, secretary)).numberSymbol).toBe('01-NQ/ĐH');
    expect((await issue(congressReport.id, secretary)).numberSymbol).toBe('02-BC/ĐH');
  });

  it('numbers within the term of the issue date, and a new term restarts at 01', async () => {
    const thanhSon = await organizationId('Đảng ủy xã Thanh Sơn');
    const [row] = await getDb()
      .execute<{ user_id: string }>(sql`select user_id from memberships where organization_id = ${thanhSon} and role = 'secretary'`)
      .then((r) => r.rows);
    const leader = row!.user_id;
    const inOldTerm = await insertDraft(thanhSon, leader);
    const old = await issue(inOldTerm.id, leader, '2024-05-10');
    expect(old.numberSymbol).toBe('01-NQ/ĐU');
    expect((await resolutionRow(inOldTerm.id)).termId).toBe((await termOn(getDb(), thanhSon, '2024-05-10'))!.id);
    const current = await issue((await insertDraft(thanhSon, leader)).id, leader);
    expect(current.numberSymbol).toBe('01-NQ/ĐU');
    expect((await issue((await insertDraft(thanhSon, leader)).id, leader)).numberSymbol).toBe('02-NQ/ĐU');

    // The congress elects a new committee today: the running term ends yesterday, a new one starts.
    const running = (await termOn(getDb(), thanhSon, today))!;
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await getDb().transaction(async (tx) => {
      await updateTerm(tx, { termId: running.id, organizationId: thanhSon, name: running.name, startsOn: running.startsOn, endsOn: yesterday });
      await addTerm(tx, { organizationId: thanhSon, name: 'Nhiệm kỳ mới', startsOn: today, endsOn: '2035-06-30' });
    });
    expect((await issue((await insertDraft(thanhSon, leader)).id, leader)).numberSymbol).toBe('01-NQ/ĐU');
    expect((await termsOf(getDb(), thanhSon)).map((t) => t.name)).toContain('Nhiệm kỳ mới');

    // Overlapping terms are refused with a field message.
    const overlap = await refusal(getDb().transaction((tx) => addTerm(tx, { organizationId: thanhSon, name: 'Trùng', startsOn: '2030-01-01', endsOn: '2031-01-01' })));
    expect(overlap).toMatchObject({ code: 'CONFLICT', field: 'startsOn', messageKey: 'resolutions.errors.termOverlap' });
  });

  it('refuses a number when no term covers the date', async () => {
    const draft = await insertDraft(kimBang, clerk);
    expect(await refusal(issue(draft.id, secretary, '1999-01-04'))).toMatchObject({
      field: 'issuedOn',
      messageKey: 'resolutions.errors.noTermOnDate',
    });
    expect((await resolutionRow(draft.id)).status).toBe('draft');
  });
});

describe('issuing', () => {
  it('fixes number, date and signer, stores a Party-layout PDF, and the database refuses any later change', async () => {
    const draft = await insertDraft(kimBang, clerk, { type: 'QĐ', title: 'Quyết định thành lập Tổ giúp việc', body: 'Điều 1. Thành lập Tổ giúp việc.\nĐiều 2. Quyết định có hiệu lực từ ngày ký.' });
    const issued = await issue(draft.id, secretary);
    expect(issued.numberSymbol).toBe('01-QĐ/HU');
    const row = await resolutionRow(draft.id);
    expect(row).toMatchObject({ status: 'issued', issuedOn: today, signerName: 'Trần Văn Thắng', signerTitle: 'BÍ THƯ', issuedBy: secretary });

    const file = (await issuedResolutionPdf(getDb(), draft.id))!;
    expect(file.sha256).toBe(row.pdfSha256);
    expect(file.fileName).toBe('01-QĐ-HU - Quyết định thành lập Tổ giúp việc.pdf');
    expect(file.metadata).toMatchObject({ numberSymbol: '01-QĐ/HU', type: 'QĐ', issuerName: 'Huyện ủy Kim Bảng', signerName: 'Trần Văn Thắng' });
    const pdf = await PDFDocument.load(file.bytes);
    expect(pdf.getTitle()).toBe('01-QĐ/HU — Quyết định thành lập Tổ giúp việc');
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);

    // Immutable in the application…
    expect(await refusal(issue(draft.id, secretary))).toMatchObject({ code: 'CONFLICT', messageKey: 'resolutions.errors.alreadyIssued' });
    expect(await refusal(getDb().transaction((tx) => deleteDraft(tx, draft.id)))).toMatchObject({ messageKey: 'resolutions.errors.notDraft' });
    // …and in the database, for any client.
    expect(await databaseRefusal(sql`update resolutions set title = 'Sửa lén' where id = ${draft.id}`)).toBe('23000');
    expect(await databaseRefusal(sql`delete from resolutions where id = ${draft.id}`)).toBe('23000');
    expect((await resolutionRow(draft.id)).title).toBe('Quyết định thành lập Tổ giúp việc');
  });

  it('never renumbers or deletes a held number, and the counter only moves forward', async () => {
    const draft = await insertDraft(kimBang, clerk, { type: 'CT', title: 'Chỉ thị về phòng chống thiên tai' });
    await getDb().transaction((tx) => reserveNumber(tx, { resolutionId: draft.id }, clerk));
    expect(await databaseRefusal(sql`update resolutions set number = 7, number_symbol = '07-CT/HU' where id = ${draft.id}`)).toBe('23000');
    expect(await databaseRefusal(sql`delete from resolutions where id = ${draft.id}`)).toBe('23000');
    expect(await databaseRefusal(sql`update document_number_series set last_number = 0 where series = 'CT'`)).toBe('23000');
    expect(await databaseRefusal(sql`delete from document_number_series where series = 'CT'`)).toBe('23000');
    // The content stays editable while the number is held; the type does not.
    const row = await resolutionRow(draft.id);
    const content = { type: 'CT' as const, congress: false, title: 'Chỉ thị về phòng, chống thiên tai', body: 'Nội dung', recipients: '', signingCapacity: null, signerId: secretary, meetingId: null, agendaItemId: null, ballotId: null };
    await getDb().transaction((tx) => updateDraft(tx, { ...content, resolutionId: draft.id, lockVersion: row.lockVersion }, clerk));
    expect(await refusal(getDb().transaction((tx) => updateDraft(tx, { ...content, type: 'NQ', resolutionId: draft.id, lockVersion: row.lockVersion + 1 }, clerk)))).toMatchObject({
      field: 'type',
      messageKey: 'resolutions.errors.typeFixed',
    });
    // A stale edit is refused rather than overwriting.
    expect(await refusal(getDb().transaction((tx) => updateDraft(tx, { ...content, resolutionId: draft.id, lockVersion: row.lockVersion }, clerk)))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'resolutions.errors.stale',
    });
    // Issued within the held number's term only, never in the future.
    expect(await refusal(issue(draft.id, secretary, '2024-01-10'))).toMatchObject({ field: 'issuedOn', messageKey: 'resolutions.errors.outsideTerm' });
    expect(await refusal(issue(draft.id, secretary, '2099-01-01'))).toMatchObject({ field: 'issuedOn', messageKey: 'resolutions.errors.futureDate' });
    expect((await issue(draft.id, secretary)).numberSymbol).toBe('01-CT/HU');
  });

  it('accepts only a secretary or deputy of the issuer as signer, and links of the same organisation', async () => {
    const draft = await insertDraft(kimBang, clerk);
    expect(await refusal(issue(draft.id, clerk))).toMatchObject({ field: 'signerId', messageKey: 'resolutions.errors.signerNotLeader' });
    const member = await userId('member@quorum.local');
    expect(await refusal(issue(draft.id, member, today, secretary))).toMatchObject({ field: 'signerId' });
    const [cellMeeting] = await getDb()
      .execute<{ id: string }>(sql`insert into meetings (organization_id, body_id, kind, title, starts_at, ends_at, status)
        select b.organization_id, b.id, 'regular', 'Họp chi bộ', now() - interval '30 days', now() - interval '29 days', 'closed'
        from bodies b join organizations o on o.id = b.organization_id where o.name = 'Chi bộ thôn Đồng Tâm' returning id`)
      .then((r) => r.rows);
    const row = await resolutionRow(draft.id);
    const content = { type: 'NQ' as const, congress: false, title: row.title, body: '', recipients: '', signingCapacity: null, signerId: null, agendaItemId: null, ballotId: null };
    expect(await refusal(getDb().transaction((tx) => updateDraft(tx, { ...content, meetingId: cellMeeting!.id, resolutionId: draft.id, lockVersion: row.lockVersion }, clerk)))).toMatchObject({
      field: 'meetingId',
      messageKey: 'resolutions.errors.meetingOther',
    });
  });

  it('links the ballot that passed the agenda item, and refuses one that did not pass or belongs elsewhere', async () => {
    const body = await demoBody('Huyện ủy Kim Bảng', 'standing_committee');
    const [meeting] = await getDb()
      .insert(meetings)
      .values({ organizationId: kimBang, bodyId: body.id, kind: 'regular', title: 'Hội nghị có biểu quyết', startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 3_600_000), status: 'closed' })
      .returning({ id: meetings.id });
    const items = await getDb()
      .insert(agendaItems)
      .values([
        { meetingId: meeting!.id, position: 0, title: 'Thông qua Nghị quyết chuyên đề', kind: 'decision' as const },
        { meetingId: meeting!.id, position: 1, title: 'Thông qua Quy chế làm việc', kind: 'decision' as const },
      ])
      .returning({ id: agendaItems.id });
    const ballot = (agendaItemId: string, passed: boolean, openedAt: Date) => ({
      organizationId: kimBang,
      bodyId: body.id,
      meetingId: meeting!.id,
      agendaItemId,
      kind: 'named' as const,
      status: 'closed' as const,
      question: 'Đồng ý thông qua?',
      passNumerator: 1,
      passDenominator: 2,
      countedMembers: 5,
      eligibleVoters: 5,
      openedAt,
      closedAt: new Date(openedAt.getTime() + 60_000),
      passed,
    });
    const [carried, failed] = await getDb()
      .insert(ballots)
      .values([ballot(items[0]!.id, true, new Date(Date.now() - 6_000_000)), ballot(items[1]!.id, false, new Date(Date.now() - 5_000_000))])
      .returning({ id: ballots.id });

    const choices = await meetingChoices(getDb(), kimBang, meeting!.id);
    expect(choices.find((m) => m.id === meeting!.id)!.agendaItems).toEqual([
      { id: items[0]!.id, title: 'Thông qua Nghị quyết chuyên đề', position: 0, passedBallot: { id: carried!.id, question: 'Đồng ý thông qua?' } },
      { id: items[1]!.id, title: 'Thông qua Quy chế làm việc', position: 1, passedBallot: null },
    ]);
    const links = { meetingId: meeting!.id, agendaItemId: items[0]!.id };
    const linked = await insertDraft(kimBang, clerk, { ...links, ballotId: carried!.id });
    expect(await resolutionRow(linked.id)).toMatchObject({ ...links, ballotId: carried!.id });
    expect(await refusal(insertDraft(kimBang, clerk, { meetingId: meeting!.id, agendaItemId: items[1]!.id, ballotId: failed!.id }))).toMatchObject({
      field: 'ballotId',
      messageKey: 'resolutions.errors.ballotNotPassed',
    });
    expect(await refusal(insertDraft(kimBang, clerk, { meetingId: meeting!.id, agendaItemId: items[1]!.id, ballotId: carried!.id }))).toMatchObject({
      field: 'ballotId',
      messageKey: 'resolutions.errors.ballotOther',
    });
  });

  it('gives the issuer header defaults from the organisation names', async () => {
    expect(await issuerFor(getDb(), kimBang)).toMatchObject({
      code: 'HU',
      congressCode: 'ĐH',
      superiorName: 'ĐẢNG BỘ TỈNH HÀ NAM',
      headerName: 'HUYỆN ỦY KIM BẢNG',
      place: 'Kim Bảng',
      saved: true,
    });
    expect(await issuerFor(getDb(), await organizationId('Chi bộ thôn Đồng Tâm'))).toMatchObject({
      code: 'CB',
      superiorName: 'ĐẢNG BỘ XÃ TÂN SƠN',
      headerName: 'CHI BỘ THÔN ĐỒNG TÂM',
      place: 'Tân Sơn',
    });
  });
});
