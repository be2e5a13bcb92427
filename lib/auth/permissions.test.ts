import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { viewerFor } from '@/lib/test/fixtures';
import { can } from './permissions';
import { visibleOrganizations } from '@/lib/organizations/queries';

describe('permissions on the demo organisation', () => {
  it('lets the district secretary see the whole district subtree and no other district', async () => {
    const secretary = await viewerFor('secretary@quorum.local');
    const names = (await visibleOrganizations(getDb(), secretary)).map((o) => o.name);
    expect(names).toContain('Huyện ủy Kim Bảng');
    expect(names).toContain('Chi bộ thôn Đồng Tâm');
    expect(names).not.toContain('Huyện ủy Thanh Liêm');
    expect(names).not.toContain('Chi bộ thôn Ninh Tào');
    expect(names).not.toContain('Tỉnh ủy Hà Nam');
  });

  it('gives a member their own cell only, and the SQL filter agrees with can()', async () => {
    const member = await viewerFor('member@quorum.local');
    const visible = await visibleOrganizations(getDb(), member);
    expect(visible.map((o) => o.name)).toEqual(['Chi bộ thôn Đồng Tâm']);
    expect(can(member, 'organization.view', { organizationPath: visible[0]!.path })).toBe(true);
    expect(can(member, 'organization.roster.view', { organizationPath: visible[0]!.path })).toBe(false);
    expect(can(member, 'audit.view')).toBe(false);
    expect(can(member, 'admin.users.manage')).toBe(false);
  });

  it('keeps the administrator out of content', async () => {
    const admin = await viewerFor('admin@quorum.local');
    expect(await visibleOrganizations(getDb(), admin)).toEqual([]);
    expect(can(admin, 'admin.users.manage')).toBe(true);
    expect(can(admin, 'audit.view')).toBe(true);
  });
});
