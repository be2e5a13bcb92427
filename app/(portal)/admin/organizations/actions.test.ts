import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bodies, organizations, totpRequirements } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';

// The actions run as in a request: the signed-in viewer and request metadata are stubbed, and
// messages come back as their keys so the tests can name them.
const current = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => current.viewer,
  getRequestMeta: async () => TEST_META,
}));
vi.mock('next-intl/server', () => ({
  getTranslations: async () => (key: string) => key,
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { createBody, createOrganization, updateOrganization } = await import('./actions');
const { setTotpRequirement } = await import('../security/actions');


async function orgId(name: string) {
  const [row] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return row?.id;
}


beforeEach(() => {
  current.viewer = null;
});

describe('admin actions for the tree and the TOTP policy', () => {
  it('let the administrator create an organisation, audited in the same transaction', async () => {
    current.viewer = await viewerFor('admin@quorum.local');
    const parentId = (await orgId('Đảng ủy xã Tân Sơn'))!;
    const state = await createOrganization(
      initialActionState,
      form({ parentId, kind: 'cell', name: 'Chi bộ thôn Hành Động', symbol: 'cb', currentTerm: '2025-2030' }),
    );
    expect(state).toMatchObject({ ok: true, message: 'adminOrganizations.create.done' });
    const id = await orgId('Chi bộ thôn Hành Động');
    expect(state.data).toEqual({ organizationId: id });
    const [row] = await getDb()
      .select({ code: organizations.code, currentTerm: organizations.currentTerm })
      .from(organizations)
      .where(eq(organizations.id, id!));
    expect(row).toEqual({ code: 'CB', currentTerm: '2025–2030' });
    expect(await lastAudit('admin.organization.create')).toMatchObject({
      actorName: 'Quản trị hệ thống',
      organizationId: id,
      entityType: 'organization',
      entityId: id,
      details: { parentId, kind: 'cell', code: 'CB' },
    });
  });

  it('answer "not found" to everyone else and change nothing', async () => {
    const parentId = (await orgId('Đảng ủy xã Tân Sơn'))!;
    for (const email of ['secretary@quorum.local', 'clerk@quorum.local', 'member@quorum.local']) {
      current.viewer = await viewerFor(email);
      const state = await createOrganization(
        initialActionState,
        form({ parentId, kind: 'cell', name: 'Chi bộ trái phép', symbol: 'CB', currentTerm: '2025–2030' }),
      );
      expect(state).toMatchObject({ ok: false, message: 'errors.NOT_FOUND' });
      expect(state.fieldErrors).toBeUndefined();
    }
    expect(await orgId('Chi bộ trái phép')).toBeUndefined();

    current.viewer = await viewerFor('secretary@quorum.local');
    const state = await setTotpRequirement(initialActionState, form({ role: 'member', required: 'true' }));
    expect(state).toMatchObject({ ok: false, message: 'errors.NOT_FOUND' });
    expect(await getDb().select({ role: totpRequirements.role }).from(totpRequirements)).toEqual([]);
  });

  it('report wrong kinds, codes, terms and fractions on the fields, keeping what was typed', async () => {
    current.viewer = await viewerFor('admin@quorum.local');
    const grassroots = (await orgId('Đảng ủy xã Tân Sơn'))!;
    const wrongKind = await createOrganization(
      initialActionState,
      form({ parentId: grassroots, kind: 'district_committee', name: 'Huyện ủy Sai Chỗ', symbol: 'HU', currentTerm: '2025–2030' }),
    );
    expect(wrongKind).toMatchObject({ ok: false, fieldErrors: { kind: 'errors.KIND_NOT_ALLOWED' } });
    expect(wrongKind.values).toMatchObject({ name: 'Huyện ủy Sai Chỗ', symbol: 'HU' });

    const badFormat = await updateOrganization(
      initialActionState,
      form({ organizationId: grassroots, name: 'Đảng ủy xã Tân Sơn', symbol: 'Đ U', currentTerm: '2030–2025' }),
    );
    expect(badFormat).toMatchObject({
      ok: false,
      fieldErrors: { symbol: 'validation.code_format', currentTerm: 'validation.term_format' },
    });

    const badQuorum = await createBody(
      initialActionState,
      form({ organizationId: grassroots, kind: 'standing_board', name: 'Thường trực', quorumNumerator: '3', quorumDenominator: '2' }),
    );
    expect(badQuorum).toMatchObject({ ok: false, fieldErrors: { quorumNumerator: 'validation.quorum_fraction' } });
    const duplicate = await createBody(
      initialActionState,
      form({ organizationId: grassroots, kind: 'executive_committee', name: 'Ban Chấp hành', quorumNumerator: '1', quorumDenominator: '2' }),
    );
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { kind: 'errors.BODY_EXISTS' } });
    const count = await getDb()
      .select({ id: bodies.id })
      .from(bodies)
      .where(and(eq(bodies.organizationId, grassroots), eq(bodies.kind, 'standing_board')));
    expect(count).toEqual([]);
  });

  it('audit a TOTP requirement change by the administrator', async () => {
    current.viewer = await viewerFor('admin@quorum.local');
    expect(await setTotpRequirement(initialActionState, form({ role: 'clerk', required: 'true' }))).toMatchObject({
      ok: true,
      message: 'adminSecurity.totp.saved',
    });
    expect(await lastAudit('admin.security.totp_required')).toMatchObject({
      entityType: 'totp_requirement',
      entityId: 'clerk',
      details: { role: 'clerk', required: true },
    });
    expect((await viewerFor('clerk@quorum.local')).mustEnrolTotp).toBe(true);
    expect(await setTotpRequirement(initialActionState, form({ role: 'clerk', required: 'false' }))).toMatchObject({ ok: true });
    expect((await viewerFor('clerk@quorum.local')).mustEnrolTotp).toBe(false);
  });
});
