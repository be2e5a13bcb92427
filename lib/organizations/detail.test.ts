import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { viewerFor } from '@/lib/test/fixtures';
import { compareVietnameseNames, isCountedSeat, organizationDetail, quorumMinimum, viewableAncestors, viewableChildren } from './queries';

async function idOf(name: string) {
  const [row] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return row!.id;
}

let secretary: Viewer;
let clerk: Viewer;
let member: Viewer;
let admin: Viewer;

beforeAll(async () => {
  secretary = await viewerFor('secretary@quorum.local');
  clerk = await viewerFor('clerk@quorum.local');
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
});

describe('organizationDetail', () => {
  it('shows the district secretary a commune committee with its visible ancestors, children, bodies and people', async () => {
    const detail = (await organizationDetail(getDb(), secretary, await idOf('Đảng ủy xã Tân Sơn')))!;
    expect(detail.organization.name).toBe('Đảng ủy xã Tân Sơn');
    // The province is above the secretary's own committee, so it is left out of the breadcrumb.
    expect(detail.ancestors.map((o) => o.name)).toEqual(['Huyện ủy Kim Bảng']);
    expect(detail.children.map((o) => o.name)).toEqual(['Chi bộ thôn Bãi Giữa', 'Chi bộ thôn Đồng Tâm', 'Chi bộ thôn Tân Lang']);

    const [executive, standing] = detail.bodies;
    expect(executive).toMatchObject({ kind: 'executive_committee', name: 'Ban Chấp hành Đảng ủy xã' });
    expect(executive!.seats).toHaveLength(9);
    // The seed puts one executive member on temporary transfer: 8 counted, more than half is 5.
    expect(executive!.counted).toBe(8);
    expect(executive!.quorumMinimum).toBe(5);
    expect(standing).toMatchObject({ kind: 'standing_committee', counted: 3, quorumMinimum: 2 });

    // Leaders first, then by given name in Vietnamese order.
    expect(executive!.seats.slice(0, 2).map((s) => s.title)).toEqual(['Bí thư', 'Phó Bí thư']);
    const others = executive!.seats.slice(2).map((s) => s.name);
    expect(others).toEqual([...others].sort(compareVietnameseNames));

    expect(detail.roster).toHaveLength(9);
    expect(detail.roster![0]!.roles).toContain('secretary');
    expect(detail.roster!.filter((p) => p.roles.includes('secretary'))).toHaveLength(1);
  });

  it('gives the roster of the district with each person once and all their roles', async () => {
    const detail = (await organizationDetail(getDb(), clerk, await idOf('Huyện ủy Kim Bảng')))!;
    expect(detail.ancestors).toEqual([]);
    expect(detail.children.map((o) => o.name)).toEqual(['Đảng ủy xã Tân Sơn', 'Đảng ủy xã Thanh Sơn']);
    const people = new Map(detail.roster!.map((p) => [p.name, p.roles]));
    expect(people.get('Trần Văn Thắng')).toEqual(['secretary']);
    expect(people.get('Lê Thị Thu Hà')).toEqual(['deputy_secretary']);
    expect(people.get('Phạm Minh Tuấn')).toEqual(['clerk']);
    expect(new Set(detail.roster!.map((p) => p.userId)).size).toBe(detail.roster!.length);
    expect(detail.bodies.map((b) => b.kind)).toEqual(['executive_committee', 'standing_committee', 'standing_board']);
  });

  it('shows a plain member their cell and its bodies, but not the roster nor anyone\'s seat status', async () => {
    const detail = (await organizationDetail(getDb(), member, await idOf('Chi bộ thôn Đồng Tâm')))!;
    expect(detail.ancestors).toEqual([]);
    expect(detail.children).toEqual([]);
    expect(detail.roster).toBeNull();
    const [assembly] = detail.bodies;
    expect(assembly!.kind).toBe('cell_assembly');
    expect(assembly!.seats.every((s) => s.status === null)).toBe(true);
    expect(assembly!.counted).toBeLessThan(assembly!.seats.length); // the count still honours exclusions
  });

  it('shows seat statuses to the leadership above the cell', async () => {
    const detail = (await organizationDetail(getDb(), secretary, await idOf('Chi bộ thôn Đồng Tâm')))!;
    const [assembly] = detail.bodies;
    expect(assembly!.counted).toBe(
      assembly!.seats.filter((s) => !['temporarily_transferred', 'suspended'].includes(s.status!)).length,
    );
    expect(assembly!.seats.some((s) => s.status === 'exempted')).toBe(true);
  });

  it('answers undefined (404) for what the viewer may not see, unknown ids and malformed ids', async () => {
    expect(await organizationDetail(getDb(), member, await idOf('Đảng ủy xã Tân Sơn'))).toBeUndefined();
    expect(await organizationDetail(getDb(), secretary, await idOf('Huyện ủy Thanh Liêm'))).toBeUndefined();
    expect(await organizationDetail(getDb(), secretary, await idOf('Tỉnh ủy Hà Nam'))).toBeUndefined();
    expect(await organizationDetail(getDb(), admin, await idOf('Huyện ủy Kim Bảng'))).toBeUndefined();
    expect(await organizationDetail(getDb(), secretary, randomUUID())).toBeUndefined();
    for (const bad of ['abc', '1', "' or 1=1 --", `${randomUUID()}x`, '']) {
      expect(await organizationDetail(getDb(), secretary, bad)).toBeUndefined();
    }
  });
});

describe('viewable neighbours', () => {
  it('filter ancestors and children by the same rule as can()', async () => {
    const [cell] = await getDb()
      .select({ id: organizations.id, path: organizations.path })
      .from(organizations)
      .where(eq(organizations.name, 'Chi bộ thôn Đồng Tâm'));
    expect((await viewableAncestors(getDb(), secretary, cell!.path)).map((o) => o.name)).toEqual([
      'Huyện ủy Kim Bảng',
      'Đảng ủy xã Tân Sơn',
    ]);
    expect(await viewableAncestors(getDb(), member, cell!.path)).toEqual([]);
    // A member sees their own cell among the commune's children, and nothing else there.
    expect((await viewableChildren(getDb(), member, await idOf('Đảng ủy xã Tân Sơn'))).map((o) => o.name)).toEqual([
      'Chi bộ thôn Đồng Tâm',
    ]);
    // Under the province the district secretary sees their own district, not the other one.
    expect((await viewableChildren(getDb(), secretary, await idOf('Tỉnh ủy Hà Nam'))).map((o) => o.name)).toEqual([
      'Huyện ủy Kim Bảng',
    ]);
  });
});

describe('Vietnamese order', () => {
  it('sorts personal names by given name, with Vietnamese letters in their place', () => {
    const names = ['Trần Văn Thắng', 'Nguyễn Thị Hoa', 'Lê Thị Thu Hà', 'Đỗ Văn Đức', 'Phạm Minh Dũng', 'Vũ Văn An'];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Vũ Văn An',
      'Phạm Minh Dũng',
      'Đỗ Văn Đức',
      'Lê Thị Thu Hà',
      'Nguyễn Thị Hoa',
      'Trần Văn Thắng',
    ]);
  });
});

describe('counting members and quorum', () => {
  it('leaves out temporarily transferred and suspended members only', () => {
    expect(isCountedSeat('active')).toBe(true);
    expect(isCountedSeat('exempted')).toBe(true);
    expect(isCountedSeat('temporarily_transferred')).toBe(false);
    expect(isCountedSeat('suspended')).toBe(false);
  });

  it('needs strictly more than the fraction of counted members', () => {
    expect(quorumMinimum(12, 1, 2)).toBe(7);
    expect(quorumMinimum(13, 1, 2)).toBe(7);
    expect(quorumMinimum(9, 2, 3)).toBe(7);
    expect(quorumMinimum(10, 2, 3)).toBe(7);
    expect(quorumMinimum(1, 1, 2)).toBe(1);
    expect(quorumMinimum(0, 1, 2)).toBe(0);
  });
});
