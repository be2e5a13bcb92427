import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, organizations } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { createTestUser, viewerFor } from '@/lib/test/fixtures';
import {
  addSeat,
  addSeatSchema,
  createBody,
  createBodySchema,
  createOrganization,
  createOrganizationSchema,
  organizationTreeForAdmin,
  removeSeat,
  seatCandidates,
  updateBody,
  updateBodySchema,
  updateOrganization,
  updateSeat,
} from './admin';
import { bodiesWithSeats } from './queries';

async function orgByName(name: string) {
  const [row] = await getDb()
    .select({ id: organizations.id, path: organizations.path, depth: organizations.depth, kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.name, name));
  if (!row) throw new Error(`no demo organisation ${name}`);
  return row;
}

const TERM = '2025–2030';

describe('who may manage the tree', () => {
  it('is the administrator only', async () => {
    expect(can(await viewerFor('admin@quorum.local'), 'admin.organizations.manage')).toBe(true);
    expect(can(await viewerFor('admin@quorum.local'), 'admin.security.manage')).toBe(true);
    for (const email of ['secretary@quorum.local', 'deputy@quorum.local', 'clerk@quorum.local', 'member@quorum.local']) {
      const viewer = await viewerFor(email);
      expect(can(viewer, 'admin.organizations.manage')).toBe(false);
      expect(can(viewer, 'admin.security.manage')).toBe(false);
    }
  });
});

describe('input schemas', () => {
  it('accepts codes of capital letters (Đ included), digits and hyphens, upper-casing what was typed', () => {
    const base = { parentId: '', kind: 'provincial_committee', name: 'Tỉnh ủy Thử', currentTerm: TERM };
    expect(createOrganizationSchema.parse({ ...base, symbol: 'đu' }).symbol).toBe('ĐU');
    expect(createOrganizationSchema.parse({ ...base, symbol: ' HU-2 ' }).symbol).toBe('HU-2');
    for (const symbol of ['H U', 'HU/2', '-HU', 'HU-', '', 'Á']) {
      expect(createOrganizationSchema.safeParse({ ...base, symbol }).success, symbol).toBe(false);
    }
    const issue = createOrganizationSchema.safeParse({ ...base, symbol: 'H U' }).error!.issues[0]!;
    expect(issue.path).toEqual(['symbol']);
    expect(issue.message).toBe('v:code_format');
  });

  it('accepts a term with a hyphen or an en dash and stores an en dash', () => {
    const base = { parentId: '', kind: 'provincial_committee', name: 'Tỉnh ủy Thử', symbol: 'TU' };
    expect(createOrganizationSchema.parse({ ...base, currentTerm: '2025-2030' }).currentTerm).toBe('2025–2030');
    expect(createOrganizationSchema.parse({ ...base, currentTerm: '2025 – 2030' }).currentTerm).toBe('2025–2030');
    expect(createOrganizationSchema.parse({ ...base, currentTerm: '2025–2030' }).parentId).toBeNull();
    for (const currentTerm of ['2030–2025', '2025', 'nhiệm kỳ 2025–2030', '25–30']) {
      const result = createOrganizationSchema.safeParse({ ...base, currentTerm });
      expect(result.success, currentTerm).toBe(false);
      expect(result.error!.issues[0]!.message).toBe('v:term_format');
    }
  });

  it('accepts a quorum fraction below 1 only', () => {
    const base = { organizationId: randomUUID(), kind: 'executive_committee', name: 'Ban Chấp hành' };
    expect(createBodySchema.parse({ ...base, quorumNumerator: '2', quorumDenominator: '3' })).toMatchObject({
      quorumNumerator: 2,
      quorumDenominator: 3,
    });
    for (const [n, d] of [['3', '2'], ['2', '2'], ['0', '2'], ['1', '0'], ['1.5', '2'], ['', '2'], ['a', '2']]) {
      const result = createBodySchema.safeParse({ ...base, quorumNumerator: n, quorumDenominator: d });
      expect(result.success, `${n}/${d}`).toBe(false);
      expect(result.error!.issues[0]!.message).toBe('v:quorum_fraction');
    }
    expect(
      updateBodySchema.safeParse({ organizationId: randomUUID(), bodyId: randomUUID(), name: 'X', quorumNumerator: '4', quorumDenominator: '3' })
        .success,
    ).toBe(false);
  });

  it('requires a person and a known status for a seat', () => {
    const base = { organizationId: randomUUID(), bodyId: randomUUID(), userId: randomUUID(), status: 'active' };
    expect(addSeatSchema.parse({ ...base, title: '  ' }).title).toBeNull();
    expect(addSeatSchema.safeParse({ ...base, userId: '' }).success).toBe(false);
    expect(addSeatSchema.safeParse({ ...base, status: 'dismissed' }).success).toBe(false);
  });
});

describe('organisation tree', () => {
  it('lists every organisation depth-first with its bodies and people counted', async () => {
    const tree = await organizationTreeForAdmin(getDb());
    const seen = new Set<string>();
    for (const node of tree) {
      if (node.parentId) expect(seen.has(node.parentId), node.name).toBe(true);
      seen.add(node.id);
    }
    expect(tree[0]!.name).toBe('Tỉnh ủy Hà Nam');
    const kimBang = tree.find((o) => o.name === 'Huyện ủy Kim Bảng')!;
    expect(kimBang.bodyCount).toBe(3);
    expect(kimBang.memberCount).toBe(14); // 13 committee members and the clerk
    const cell = tree.find((o) => o.name === 'Chi bộ thôn Đồng Tâm')!;
    expect(cell.bodyCount).toBe(1);
    expect(cell.memberCount).toBeGreaterThanOrEqual(18);
  });

  it('creates an organisation under a parent of the right kind, with its materialised path', async () => {
    const parent = await orgByName('Đảng ủy xã Tân Sơn');
    const created = await createOrganization(getDb(), {
      parentId: parent.id,
      kind: 'cell',
      name: 'Chi bộ thôn Thử Nghiệm',
      code: 'CB',
      currentTerm: TERM,
    });
    const row = await orgByName('Chi bộ thôn Thử Nghiệm');
    expect(row.id).toBe(created.id);
    expect(row.path).toBe(`${parent.path}${created.id}/`);
    expect(row.depth).toBe(parent.depth + 1);

    const tree = await organizationTreeForAdmin(getDb());
    const index = tree.findIndex((o) => o.id === created.id);
    expect(index).toBeGreaterThan(tree.findIndex((o) => o.id === parent.id));
  });

  it('refuses a kind that may not sit under the chosen parent', async () => {
    const grassroots = await orgByName('Đảng ủy xã Tân Sơn');
    await expect(
      createOrganization(getDb(), { parentId: grassroots.id, kind: 'district_committee', name: 'Huyện ủy Sai', code: 'HU', currentTerm: TERM }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', options: { field: 'kind', messageKey: 'KIND_NOT_ALLOWED' } });

    const cell = await orgByName('Chi bộ thôn Đồng Tâm');
    await expect(
      createOrganization(getDb(), { parentId: cell.id, kind: 'cell', name: 'Chi bộ con', code: 'CB', currentTerm: TERM }),
    ).rejects.toMatchObject({ options: { messageKey: 'KIND_NOT_ALLOWED' } });

    const province = await orgByName('Tỉnh ủy Hà Nam');
    await expect(
      createOrganization(getDb(), { parentId: province.id, kind: 'provincial_committee', name: 'Tỉnh ủy con', code: 'TU', currentTerm: TERM }),
    ).rejects.toMatchObject({ options: { messageKey: 'KIND_NOT_ALLOWED' } });
  });

  it('refuses an unknown parent, and a root that is not a provincial committee', async () => {
    await expect(
      createOrganization(getDb(), { parentId: randomUUID(), kind: 'cell', name: 'Chi bộ mồ côi', code: 'CB', currentTerm: TERM }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', options: { field: 'parentId', messageKey: 'PARENT_NOT_FOUND' } });
    await expect(
      createOrganization(getDb(), { parentId: null, kind: 'district_committee', name: 'Huyện ủy gốc', code: 'HU', currentTerm: TERM }),
    ).rejects.toMatchObject({ options: { field: 'parentId', messageKey: 'adminOrganizations.errors.parentRequired' } });
    const [none] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, 'Huyện ủy gốc'));
    expect(none).toBeUndefined();
  });

  it('creates a root provincial committee without a parent', async () => {
    const created = await createOrganization(getDb(), {
      parentId: null,
      kind: 'provincial_committee',
      name: 'Tỉnh ủy Thử',
      code: 'TU',
      currentTerm: TERM,
    });
    const row = await orgByName('Tỉnh ủy Thử');
    expect(row).toMatchObject({ id: created.id, path: `/${created.id}/`, depth: 0 });
  });

  it('edits name, code and term and reports what changed', async () => {
    const province = await createOrganization(getDb(), {
      parentId: null,
      kind: 'provincial_committee',
      name: 'Tỉnh ủy Đổi Tên',
      code: 'TU',
      currentTerm: '2020–2025',
    });
    const result = await updateOrganization(getDb(), province.id, { name: 'Tỉnh ủy Tên Mới', code: 'TU-M', currentTerm: TERM });
    expect(result.before).toEqual({ name: 'Tỉnh ủy Đổi Tên', code: 'TU', currentTerm: '2020–2025' });
    const [row] = await getDb()
      .select({ name: organizations.name, code: organizations.code, currentTerm: organizations.currentTerm })
      .from(organizations)
      .where(eq(organizations.id, province.id));
    expect(row).toEqual({ name: 'Tỉnh ủy Tên Mới', code: 'TU-M', currentTerm: TERM });
    await expect(updateOrganization(getDb(), randomUUID(), { name: 'X', code: 'X', currentTerm: TERM })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('leadership bodies', () => {
  it('allows one body of each kind per organisation', async () => {
    const kimBang = await orgByName('Huyện ủy Kim Bảng');
    await expect(
      createBody(getDb(), {
        organizationId: kimBang.id,
        kind: 'executive_committee',
        name: 'Ban Chấp hành thứ hai',
        quorumNumerator: 1,
        quorumDenominator: 2,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'kind', messageKey: 'BODY_EXISTS' } });
  });

  it('creates a body of a kind that fits the organisation, and refuses one that does not', async () => {
    const parent = await orgByName('Đảng ủy xã Thanh Sơn');
    const cell = await createOrganization(getDb(), { parentId: parent.id, kind: 'cell', name: 'Chi bộ thôn Mới', code: 'CB', currentTerm: TERM });
    await expect(
      createBody(getDb(), { organizationId: cell.id, kind: 'standing_committee', name: 'Ban Thường vụ', quorumNumerator: 1, quorumDenominator: 2 }),
    ).rejects.toMatchObject({ options: { messageKey: 'adminOrganizations.errors.bodyKindNotAllowed' } });

    const body = await createBody(getDb(), {
      organizationId: cell.id,
      kind: 'cell_assembly',
      name: 'Đảng viên Chi bộ thôn Mới',
      quorumNumerator: 2,
      quorumDenominator: 3,
    });
    const [listed] = await bodiesWithSeats(getDb(), cell.id);
    expect(listed).toMatchObject({ id: body.id, kind: 'cell_assembly', quorumNumerator: 2, quorumDenominator: 3, seats: [] });
    await expect(
      createBody(getDb(), { organizationId: cell.id, kind: 'cell_assembly', name: 'Lần hai', quorumNumerator: 1, quorumDenominator: 2 }),
    ).rejects.toMatchObject({ options: { messageKey: 'BODY_EXISTS' } });
    await expect(
      createBody(getDb(), { organizationId: randomUUID(), kind: 'cell_assembly', name: 'Không có', quorumNumerator: 1, quorumDenominator: 2 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('checks the quorum fraction on create and on edit', async () => {
    const liemCan = await orgByName('Đảng ủy xã Liêm Cần');
    for (const [n, d] of [[2, 2], [3, 2], [0, 2], [1, 1]] as const) {
      await expect(
        createBody(getDb(), { organizationId: liemCan.id, kind: 'standing_board', name: 'Thường trực', quorumNumerator: n, quorumDenominator: d }),
        `${n}/${d}`,
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', options: { field: 'quorumNumerator', messageKey: 'validation.quorum_fraction' } });
    }

    const [executive] = (await bodiesWithSeats(getDb(), liemCan.id)).filter((b) => b.kind === 'executive_committee');
    const input = { organizationId: liemCan.id, bodyId: executive!.id, name: 'Ban Chấp hành Đảng bộ xã Liêm Cần' };
    await expect(updateBody(getDb(), { ...input, quorumNumerator: 3, quorumDenominator: 3 })).rejects.toMatchObject({
      options: { messageKey: 'validation.quorum_fraction' },
    });
    const result = await updateBody(getDb(), { ...input, quorumNumerator: 2, quorumDenominator: 3 });
    expect(result.before).toMatchObject({ quorumNumerator: 1, quorumDenominator: 2 });
    const [after] = (await bodiesWithSeats(getDb(), liemCan.id)).filter((b) => b.kind === 'executive_committee');
    expect(after).toMatchObject({ name: input.name, quorumNumerator: 2, quorumDenominator: 3 });
  });

  it('refuses to edit a body through another organisation', async () => {
    const liemCan = await orgByName('Đảng ủy xã Liêm Cần');
    const tanSon = await orgByName('Đảng ủy xã Tân Sơn');
    const [body] = await bodiesWithSeats(getDb(), liemCan.id);
    await expect(
      updateBody(getDb(), { organizationId: tanSon.id, bodyId: body!.id, name: 'X', quorumNumerator: 1, quorumDenominator: 2 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('seats', () => {
  it('adds a member of the organisation, changes title and status, and removes the seat', async () => {
    const db = getDb();
    const parent = await orgByName('Đảng ủy xã Tân Sơn');
    const cell = await createOrganization(db, { parentId: parent.id, kind: 'cell', name: 'Chi bộ thôn Ghế', code: 'CB', currentTerm: TERM });
    const body = await createBody(db, { organizationId: cell.id, kind: 'cell_assembly', name: 'Đảng viên Chi bộ thôn Ghế', quorumNumerator: 1, quorumDenominator: 2 });
    const userId = await createTestUser('ghe@quorum.local', 'Đỗ Văn Ghế');
    const outsider = await createTestUser('ngoai@quorum.local', 'Ngô Thị Ngoài');
    await db.insert(memberships).values({ userId, organizationId: cell.id, role: 'member' });
    expect((await seatCandidates(db, cell.id)).map((c) => c.userId)).toEqual([userId]);

    const seat = { organizationId: cell.id, bodyId: body.id, userId, title: 'Đảng viên', status: 'active' as const };
    await addSeat(db, seat);
    await expect(addSeat(db, seat)).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'userId', messageKey: 'ALREADY_SEATED' } });
    await expect(addSeat(db, { ...seat, userId: outsider })).rejects.toMatchObject({
      options: { field: 'userId', messageKey: 'adminOrganizations.errors.notMember' },
    });
    expect((await bodiesWithSeats(db, cell.id))[0]!.seats).toEqual([{ userId, name: 'Đỗ Văn Ghế', title: 'Đảng viên', status: 'active' }]);

    const change = await updateSeat(db, { ...seat, title: 'Phó Bí thư', status: 'temporarily_transferred' });
    expect(change.before).toEqual({ title: 'Đảng viên', status: 'active' });
    expect((await bodiesWithSeats(db, cell.id))[0]!.seats[0]).toMatchObject({ title: 'Phó Bí thư', status: 'temporarily_transferred' });
    await updateSeat(db, { ...seat, title: null, status: 'suspended' });
    expect((await bodiesWithSeats(db, cell.id))[0]!.seats[0]).toMatchObject({ title: null, status: 'suspended' });
    await expect(updateSeat(db, { ...seat, userId: outsider })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const removed = await removeSeat(db, { organizationId: cell.id, bodyId: body.id, userId });
    expect(removed.removed).toEqual({ title: null, status: 'suspended' });
    expect((await bodiesWithSeats(db, cell.id))[0]!.seats).toEqual([]);
    await expect(removeSeat(db, { organizationId: cell.id, bodyId: body.id, userId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses seat changes through another organisation', async () => {
    const cell = await orgByName('Chi bộ thôn Đồng Tâm');
    const other = await orgByName('Chi bộ thôn Bãi Giữa');
    const [body] = await bodiesWithSeats(getDb(), cell.id);
    const seat = body!.seats[0]!;
    await expect(
      updateSeat(getDb(), { organizationId: other.id, bodyId: body!.id, userId: seat.userId, title: null, status: 'suspended' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removeSeat(getDb(), { organizationId: other.id, bodyId: body!.id, userId: seat.userId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await bodiesWithSeats(getDb(), cell.id))[0]!.seats).toHaveLength(body!.seats.length);
  });
});
