import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agendaItems, archiveRecords, archiveVersions, committeeTerms, documentIssuers, meetings } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import errorsVi from '@/lib/i18n/messages/vi/errors.json';
import resolutionsVi from '@/lib/i18n/messages/vi/resolutions.json';
import validationVi from '@/lib/i18n/messages/vi/validation.json';
import { demoBody, roleHolderEmail } from '@/lib/meetings/test-helpers';
import { reserveNumber, vietnamToday } from '@/lib/resolutions/lifecycle';
import { insertDraft, organizationId, resolutionRow } from '@/lib/resolutions/test-fixtures';
import { searchParamsSchema } from '@/lib/search/params';
import { searchRecords } from '@/lib/search/query';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';
import { GET as downloadPdf } from '@/app/api/resolutions/[resolutionId]/pdf/route';
import { GET as listApi } from '@/app/api/v1/resolutions/route';
import { GET as getApi } from '@/app/api/v1/resolutions/[resolutionId]/route';
import {
  abandonResolutionNumber,
  deleteResolutionDraft,
  issueResolution,
  reserveResolutionNumber,
  updateResolution,
} from './[resolutionId]/actions';
import { createResolution } from './actions';
import { addCommitteeTerm, deleteCommitteeTerm, saveIssuerSettings, updateCommitteeTerm } from './settings/actions';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  viewerFromCookieHeader: async () => request.viewer,
  getRequestMeta: async () => TEST_META,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace: namespace as never }),
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
process.env.QUORUM_DATA_DIR = await mkdtemp(path.join(tmpdir(), 'quorum-resolution-actions-'));
resetEnvCache();
afterAll(() => rm(process.env.QUORUM_DATA_DIR!, { recursive: true, force: true }));

let secretary: Viewer;
let deputy: Viewer;
let clerk: Viewer;
let member: Viewer;
let admin: Viewer;
let cellSecretary: Viewer;
let kimBang: string;
let meetingId: string;
let decisionItemId: string;

const draftFields = (extra: Record<string, string> = {}) => ({
  organizationId: kimBang,
  type: 'NQ',
  title: 'Về lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2027',
  body: 'I. MỤC TIÊU\nTăng trưởng kinh tế.',
  recipients: 'Ban Thường vụ Tỉnh ủy\nCác chi bộ trực thuộc',
  signingCapacity: 'T/M BAN THƯỜNG VỤ',
  signerId: secretary.id,
  meetingId,
  agendaItemId: decisionItemId,
  ...extra,
});

beforeAll(async () => {
  secretary = await viewerFor('secretary@quorum.local');
  deputy = await viewerFor('deputy@quorum.local');
  clerk = await viewerFor('clerk@quorum.local');
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
  cellSecretary = await viewerFor(await roleHolderEmail('Chi bộ thôn Đồng Tâm', 'secretary'));
  kimBang = await organizationId('Huyện ủy Kim Bảng');
  const body = await demoBody('Huyện ủy Kim Bảng', 'standing_committee');
  const [meeting] = await getDb()
    .insert(meetings)
    .values({
      organizationId: body.organizationId,
      bodyId: body.id,
      kind: 'regular',
      title: 'Hội nghị Ban Thường vụ',
      startsAt: new Date(Date.now() - 3 * 3600_000),
      endsAt: new Date(Date.now() - 3600_000),
      status: 'closed',
    })
    .returning({ id: meetings.id });
  meetingId = meeting!.id;
  const [item] = await getDb()
    .insert(agendaItems)
    .values({ meetingId, position: 0, title: 'Thông qua Nghị quyết', kind: 'decision' })
    .returning({ id: agendaItems.id });
  decisionItemId = item!.id;
});

const pdf = (resolutionId: string) =>
  downloadPdf(new Request(`http://localhost/api/resolutions/${resolutionId}/pdf`), { params: Promise.resolve({ resolutionId }) });
const apiGet = (resolutionId: string) =>
  getApi(new Request(`http://localhost/api/v1/resolutions/${resolutionId}`), { params: Promise.resolve({ resolutionId }) });
const apiList = (query = '') => listApi(new Request(`http://localhost/api/v1/resolutions${query}`));

describe('resolution actions', () => {
  it('clerk drafts from a meeting, secretary issues, the PDF downloads; every step audited and permission-checked', async () => {
    // Only those who draft in the organisation; the cell member learns nothing.
    request.viewer = member;
    expect(await createResolution(initialActionState, form(draftFields()))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    request.viewer = cellSecretary; // drafts in the cell, not in the district
    expect(await createResolution(initialActionState, form(draftFields()))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });

    request.viewer = clerk;
    const created = await createResolution(initialActionState, form(draftFields()));
    expect(created).toMatchObject({ ok: true, message: resolutionsVi.form.created });
    const id = created.data!.resolutionId!;
    expect(await lastAudit('resolution.draft.create')).toMatchObject({
      actorId: clerk.id,
      organizationId: kimBang,
      entityType: 'resolution',
      entityId: id,
      details: { type: 'NQ', meetingId, agendaItemId: decisionItemId },
    });

    // Drafts are for those who draft or issue there: the member and the API see nothing.
    request.viewer = member;
    expect((await apiGet(id)).status).toBe(404);
    expect((await pdf(id)).status).toBe(404);
    expect(await (await apiList()).json()).toEqual({ total: 0, resolutions: [] });
    request.viewer = admin; // administers accounts, not content
    expect((await apiList()).status).toBe(404);

    request.viewer = clerk;
    const saved = await updateResolution(initialActionState, form({ ...draftFields(), resolutionId: id, lockVersion: '0', title: 'Về phát triển kinh tế - xã hội năm 2027' }));
    expect(saved).toMatchObject({ ok: true, message: resolutionsVi.form.saved, data: { lockVersion: '1' } });
    expect(await lastAudit('resolution.draft.update')).toMatchObject({ actorId: clerk.id, entityId: id });
    const stale = await updateResolution(initialActionState, form({ ...draftFields(), resolutionId: id, lockVersion: '0' }));
    expect(stale).toMatchObject({ ok: false, message: resolutionsVi.errors.stale });

    // The clerk cannot sign; the secretary issues.
    const refused = await issueResolution(initialActionState, form({ resolutionId: id, issuedOn: vietnamToday(), signerId: secretary.id }));
    expect(refused).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    request.viewer = secretary;
    const issued = await issueResolution(initialActionState, form({ resolutionId: id, issuedOn: vietnamToday(), signerId: secretary.id, signingCapacity: 'T/M BAN THƯỜNG VỤ' }));
    expect(issued).toMatchObject({ ok: true, message: resolutionsVi.issue.done, data: { numberSymbol: '01-NQ/HU' } });
    const row = await resolutionRow(id);
    expect(await lastAudit('resolution.issue')).toMatchObject({
      actorId: secretary.id,
      entityId: id,
      details: { numberSymbol: '01-NQ/HU', number: 1, issuedOn: vietnamToday(), pdfSha256: row.pdfSha256, meetingId },
    });
    // Filed into the archive in the same transaction: the same PDF as version 1, found by its number.
    const [filed] = await getDb()
      .select({ recordId: archiveRecords.id, type: archiveRecords.type, sha256: archiveVersions.sha256, organizationId: archiveRecords.organizationId })
      .from(archiveRecords)
      .innerJoin(archiveVersions, eq(archiveVersions.recordId, archiveRecords.id))
      .where(and(eq(archiveRecords.sourceKind, 'resolution'), eq(archiveRecords.sourceId, id)));
    expect(filed).toMatchObject({ type: 'NQ', sha256: row.pdfSha256, organizationId: row.organizationId });
    const found = await searchRecords(getDb(), secretary, searchParamsSchema.parse({ q: '01-NQ/HU' }));
    expect(found.items.map((item) => item.id)).toContain(filed!.recordId);

    // Issued: nothing changes any more.
    request.viewer = clerk;
    expect(await updateResolution(initialActionState, form({ ...draftFields(), resolutionId: id, lockVersion: String(row.lockVersion) }))).toMatchObject({
      ok: false,
      message: resolutionsVi.errors.alreadyIssued,
    });
    expect(await deleteResolutionDraft(initialActionState, form({ resolutionId: id }))).toMatchObject({ ok: false, message: resolutionsVi.errors.notDraft });

    // Issued documents are for every role of the organisation and oversight above it; not for admins.
    request.viewer = member; // a cell member: not in Kim Bảng's own roles, not oversight
    expect((await pdf(id)).status).toBe(404);
    for (const viewer of [secretary, clerk, deputy]) {
      request.viewer = viewer;
      const response = await pdf(id);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="01-NQ-HU - Ve phat trien kinh te - xa hoi nam 2027.pdf"; filename*=UTF-8''01-NQ-HU%20-%20V%E1%BB%81%20ph%C3%A1t%20tri%E1%BB%83n%20kinh%20t%E1%BA%BF%20-%20x%C3%A3%20h%E1%BB%99i%20n%C4%83m%202027.pdf`,
      );
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      expect(await lastAudit('resolution.pdf.download')).toMatchObject({ actorId: viewer.id, entityId: id, details: { numberSymbol: '01-NQ/HU', sha256: row.pdfSha256 } });
    }
    request.viewer = admin;
    expect((await pdf(id)).status).toBe(404);
    expect((await apiGet(id)).status).toBe(404);
    request.viewer = null;
    expect((await pdf(id)).status).toBe(401);
    expect((await apiGet(id)).status).toBe(401);

    request.viewer = deputy;
    const got = await apiGet(id);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({
      resolution: { id, numberSymbol: '01-NQ/HU', status: 'issued', type: 'NQ', meetingId, agendaItemId: decisionItemId, signerName: secretary.name, pdfUrl: `/api/resolutions/${id}/pdf` },
      viewer: { canDraft: true, canIssue: true },
    });
  });

  it('takes a number, voids it with a reason, continues in a new draft, never reuses the number', async () => {
    request.viewer = clerk;
    const created = await createResolution(initialActionState, form(draftFields({ type: 'KL', title: 'Kết luận về công tác cán bộ' })));
    const id = created.data!.resolutionId!;
    expect(await reserveResolutionNumber(initialActionState, form({ resolutionId: id }))).toMatchObject({ ok: true, data: { numberSymbol: '01-KL/HU' } });
    expect(await lastAudit('resolution.number.reserve')).toMatchObject({ actorId: clerk.id, entityId: id, details: { numberSymbol: '01-KL/HU' } });
    // A held number cannot be deleted away.
    expect(await deleteResolutionDraft(initialActionState, form({ resolutionId: id }))).toMatchObject({ ok: false, message: resolutionsVi.errors.notDraft });

    const noReason = await abandonResolutionNumber(initialActionState, form({ resolutionId: id, reason: ' ' }));
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: validationVi.reason_required } });
    const voided = await abandonResolutionNumber(initialActionState, form({ resolutionId: id, reason: 'Đổi nội dung' }));
    expect(voided).toMatchObject({ ok: true, message: resolutionsVi.abandon.done });
    const draftId = voided.data!.draftId!;
    expect(await lastAudit('resolution.number.void')).toMatchObject({ entityId: id, details: { numberSymbol: '01-KL/HU', reason: 'Đổi nội dung', draftId } });
    expect(await abandonResolutionNumber(initialActionState, form({ resolutionId: id, reason: 'Lần nữa' }))).toMatchObject({
      ok: false,
      message: resolutionsVi.errors.isVoid,
    });

    request.viewer = deputy;
    expect(await issueResolution(initialActionState, form({ resolutionId: draftId, issuedOn: vietnamToday(), signerId: deputy.id }))).toMatchObject({
      ok: true,
      data: { numberSymbol: '02-KL/HU' },
    });
    expect((await resolutionRow(draftId)).signerTitle).toBe('PHÓ BÍ THƯ');

    // The register through the API: the void number is listed for those who draft, with its status.
    const listed = await (await apiList('?type=KL')).json();
    expect(listed.resolutions.map((r: { numberSymbol: string; status: string }) => [r.numberSymbol, r.status]).sort()).toEqual([
      ['01-KL/HU', 'void'],
      ['02-KL/HU', 'issued'],
    ]);
    // A draft is deleted for good.
    request.viewer = clerk;
    const spare = await createResolution(initialActionState, form(draftFields({ title: 'Bản nháp thừa' })));
    await expect(deleteResolutionDraft(initialActionState, form({ resolutionId: spare.data!.resolutionId! }))).rejects.toThrow('NEXT_REDIRECT');
    expect(await lastAudit('resolution.draft.delete')).toMatchObject({ entityId: spare.data!.resolutionId, details: { title: 'Bản nháp thừa' } });
  });

  it('refuses bad input with field-level Vietnamese messages, and changes nothing', async () => {
    request.viewer = clerk;
    const bad = await createResolution(initialActionState, form(draftFields({ type: 'XX', title: '   ', signingCapacity: 'T/M AI ĐÓ', meetingId: 'không-phải-id' })));
    expect(bad).toMatchObject({
      ok: false,
      message: errorsVi.VALIDATION_FAILED,
      fieldErrors: {
        type: validationVi.choose_one,
        title: validationVi.required,
        signingCapacity: validationVi.choose_one,
        meetingId: validationVi.choose_one,
      },
      values: { title: '   ' },
    });
    // A signer who is not a leader of the issuer; a meeting of another organisation.
    const notLeader = await createResolution(initialActionState, form(draftFields({ signerId: clerk.id })));
    expect(notLeader).toMatchObject({ ok: false, fieldErrors: { signerId: resolutionsVi.errors.signerNotLeader } });
    const cellBody = await demoBody('Chi bộ thôn Đồng Tâm', 'cell_assembly');
    const [cellMeeting] = await getDb()
      .insert(meetings)
      .values({ organizationId: cellBody.organizationId, bodyId: cellBody.id, kind: 'regular', title: 'Sinh hoạt chi bộ', startsAt: new Date(Date.now() - 9e7), endsAt: new Date(Date.now() - 8.9e7) })
      .returning({ id: meetings.id });
    const otherMeeting = await createResolution(initialActionState, form(draftFields({ meetingId: cellMeeting!.id, agendaItemId: '' })));
    expect(otherMeeting).toMatchObject({ ok: false, fieldErrors: { meetingId: resolutionsVi.errors.meetingOther } });
    const wrongItem = await createResolution(initialActionState, form(draftFields({ meetingId: '' })));
    expect(wrongItem).toMatchObject({ ok: false, fieldErrors: { agendaItemId: resolutionsVi.errors.agendaItemOther } });

    const created = await createResolution(initialActionState, form(draftFields({ type: 'TB', title: 'Thông báo' })));
    request.viewer = secretary;
    const id = created.data!.resolutionId!;
    expect(await issueResolution(initialActionState, form({ resolutionId: id, issuedOn: '05/01/2026', signerId: secretary.id }))).toMatchObject({
      ok: false,
      fieldErrors: { issuedOn: validationVi.date },
    });
    expect(await issueResolution(initialActionState, form({ resolutionId: id, issuedOn: '2099-01-01', signerId: secretary.id }))).toMatchObject({
      ok: false,
      fieldErrors: { issuedOn: resolutionsVi.errors.futureDate },
    });
    expect(await issueResolution(initialActionState, form({ resolutionId: id, issuedOn: vietnamToday(), signerId: '' }))).toMatchObject({
      ok: false,
      fieldErrors: { signerId: validationVi.choose_one },
    });
    expect((await resolutionRow(id)).status).toBe('draft');
  });
});

describe('numbering settings', () => {
  it('lets admins and the organisation’s leaders edit issuer codes and terms, audited, with field messages', async () => {
    const tanSon = await organizationId('Đảng ủy xã Tân Sơn');
    const issuer = { organizationId: tanSon, code: 'đu', congressCode: 'ĐH', superiorName: 'ĐẢNG BỘ HUYỆN KIM BẢNG', headerName: 'ĐẢNG ỦY XÃ TÂN SƠN', place: 'Tân Sơn' };
    // The district office and leaders do not configure a commune's numbering; the admin does.
    for (const viewer of [clerk, secretary, member]) {
      request.viewer = viewer;
      expect(await saveIssuerSettings(initialActionState, form(issuer))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    }
    request.viewer = admin;
    expect(await saveIssuerSettings(initialActionState, form({ ...issuer, code: 'Đ U/' }))).toMatchObject({
      ok: false,
      fieldErrors: { code: validationVi.code_format },
    });
    expect(await saveIssuerSettings(initialActionState, form(issuer))).toMatchObject({ ok: true, message: resolutionsVi.settings.saved });
    const [saved] = await getDb().select({ code: documentIssuers.code }).from(documentIssuers).where(eq(documentIssuers.organizationId, tanSon));
    expect(saved!.code).toBe('ĐU');
    expect(await lastAudit('resolution.settings.issuer')).toMatchObject({ actorId: admin.id, organizationId: tanSon, details: { after: { code: 'ĐU' } } });

    // The district secretary configures Kim Bảng's own terms.
    request.viewer = secretary;
    const term = { organizationId: kimBang, name: '2030–2035', startsOn: '2030-07-01', endsOn: '2035-06-30' };
    expect(await addCommitteeTerm(initialActionState, form({ ...term, startsOn: '2030-06-01' }))).toMatchObject({
      ok: false,
      fieldErrors: { startsOn: resolutionsVi.errors.termOverlap },
    });
    expect(await addCommitteeTerm(initialActionState, form({ ...term, endsOn: '2029-01-01' }))).toMatchObject({
      ok: false,
      fieldErrors: { endsOn: resolutionsVi.errors.termDates },
    });
    expect(await addCommitteeTerm(initialActionState, form(term))).toMatchObject({ ok: true, message: resolutionsVi.settings.added });
    const [added] = await getDb().select({ id: committeeTerms.id }).from(committeeTerms).where(eq(committeeTerms.name, '2030–2035'));
    expect(await lastAudit('resolution.term.add')).toMatchObject({ actorId: secretary.id, entityType: 'committee_term', entityId: added!.id });
    expect(await updateCommitteeTerm(initialActionState, form({ ...term, termId: added!.id, name: 'Nhiệm kỳ 2030–2035' }))).toMatchObject({ ok: true });
    expect(await lastAudit('resolution.term.update')).toMatchObject({ details: { before: { name: '2030–2035' }, after: { name: 'Nhiệm kỳ 2030–2035' } } });
    // A term in which numbers were given cannot be deleted; an unused one can.
    const held = await insertDraft(kimBang, clerk.id, { type: 'BC' });
    await getDb().transaction((tx) => reserveNumber(tx, { resolutionId: held.id }, clerk.id));
    const usedTerm = (await resolutionRow(held.id)).termId!;
    expect(await deleteCommitteeTerm(initialActionState, form({ organizationId: kimBang, termId: usedTerm }))).toMatchObject({
      ok: false,
      message: resolutionsVi.errors.termInUse,
    });
    expect(await deleteCommitteeTerm(initialActionState, form({ organizationId: kimBang, termId: added!.id }))).toMatchObject({
      ok: true,
      message: resolutionsVi.settings.deleted,
    });
    // The district secretary does not configure the commune below.
    expect(await deleteCommitteeTerm(initialActionState, form({ organizationId: tanSon, termId: usedTerm }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
  });
});
