import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { cellBody } from '@/lib/meetings/test-fixtures';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';
import errorsVi from '@/lib/i18n/messages/vi/errors.json';
import programmesVi from '@/lib/i18n/messages/vi/programmes.json';
import { addProgrammeItemAction, createProgrammeAction, generateProgrammeMeetings, removeProgrammeItemAction } from './actions';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  getRequestMeta: async () => TEST_META,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async () => createTranslator({ locale: 'vi', messages }) };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

let cell: Awaited<ReturnType<typeof cellBody>>;
let clerk: Viewer;
let secretary: Viewer;
let member: Viewer;

beforeAll(async () => {
  cell = await cellBody('Chi bộ thôn Hồng Sơn');
  secretary = await viewerFor(cell.secretaryEmail);
  clerk = await viewerFor('clerk@quorum.local');
  member = await viewerFor('member@quorum.local');
});

describe('work programme actions', () => {
  it('create, plan, generate (idempotent) and remove, audited; others get "not found"', async () => {
    request.viewer = member;
    expect(await createProgrammeAction(initialActionState, form({ bodyId: cell.id, year: '2027' }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    request.viewer = clerk; // the district office does not manage a cell's programme
    expect(await createProgrammeAction(initialActionState, form({ bodyId: cell.id, year: '2027' }))).toMatchObject({
      ok: false,
      fieldErrors: { bodyId: programmesVi.errors.bodyNotAllowed },
    });

    request.viewer = secretary;
    const created = await createProgrammeAction(initialActionState, form({ bodyId: cell.id, year: '2027', title: '' }));
    expect(created).toMatchObject({ ok: true, message: programmesVi.create.done });
    const programmeId = created.data!.programmeId!;
    expect(await lastAudit('programme.create')).toMatchObject({ actorId: secretary.id, entityId: programmeId, details: { year: 2027 } });
    expect(await createProgrammeAction(initialActionState, form({ bodyId: cell.id, year: '2027' }))).toMatchObject({
      ok: false,
      fieldErrors: { year: programmesVi.errors.exists },
    });

    const item = await addProgrammeItemAction(
      initialActionState,
      form({ programmeId, period: 'quarter', quarter: '2', kind: 'thematic', topic: 'Học tập chuyên đề về phong cách Hồ Chí Minh', plannedDate: '' }),
    );
    expect(item).toMatchObject({ ok: true, message: programmesVi.item.added });
    const wrongYear = await addProgrammeItemAction(initialActionState, form({ programmeId, period: 'year', kind: 'regular', topic: 'X', plannedDate: '2030-01-01' }));
    expect(wrongYear).toMatchObject({ ok: false, fieldErrors: { plannedDate: programmesVi.errors.dateOutsideYear } });
    const noMonth = await addProgrammeItemAction(initialActionState, form({ programmeId, period: 'month', kind: 'regular', topic: 'X' }));
    expect(noMonth.fieldErrors?.month).toBeTruthy();

    expect((await generateProgrammeMeetings(initialActionState, form({ programmeId }))).fieldErrors?.monthly).toBeTruthy();
    const first = await generateProgrammeMeetings(initialActionState, form({ programmeId, monthly: 'on', thematic: 'on' }));
    expect(first).toMatchObject({ ok: true, data: { created: '16', skipped: '0', conflicts: '0' } });
    expect(await lastAudit('programme.generate')).toMatchObject({ entityId: programmeId, details: { created: 16, skipped: 0 } });
    const second = await generateProgrammeMeetings(initialActionState, form({ programmeId, monthly: 'on', thematic: 'on' }));
    expect(second).toMatchObject({ ok: true, data: { created: '0', skipped: '16' } });

    const removed = await removeProgrammeItemAction(initialActionState, form({ programmeId, itemId: (await lastAudit('programme.item.add'))!.entityId! }));
    expect(removed).toMatchObject({ ok: true, message: programmesVi.item.removed });
    request.viewer = member;
    expect(await generateProgrammeMeetings(initialActionState, form({ programmeId, monthly: 'on' }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
  });
});
