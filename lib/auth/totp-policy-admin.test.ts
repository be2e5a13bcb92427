import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { viewerFor } from '@/lib/test/fixtures';
import { setTotpRequirement, setTotpRequirementSchema, totpPolicyOverview } from './totp-policy-admin';

async function rowFor(role: string) {
  return (await totpPolicyOverview(getDb())).find((r) => r.role === role)!;
}

describe('TOTP requirements by role', () => {
  it('lists the six membership roles and admin, none required in the demo', async () => {
    const rows = await totpPolicyOverview(getDb());
    expect(rows.map((r) => r.role)).toEqual([
      'secretary',
      'deputy_secretary',
      'standing_member',
      'committee_member',
      'member',
      'clerk',
      'admin',
    ]);
    expect(rows.every((r) => !r.required && r.requiredAt === null)).toBe(true);
    expect(await rowFor('clerk')).toMatchObject({ holders: 1, notEnrolled: 1 });
    expect(await rowFor('admin')).toMatchObject({ holders: 1, notEnrolled: 1 });
    expect((await rowFor('member')).holders).toBeGreaterThan(100);
  });

  it('makes holders of a required role enrol, and only them', async () => {
    const db = getDb();
    expect((await viewerFor('clerk@quorum.local')).mustEnrolTotp).toBe(false);

    expect(await setTotpRequirement(db, 'clerk', true)).toBe(true);
    expect(await setTotpRequirement(db, 'clerk', true)).toBe(false); // already required: no change
    expect((await viewerFor('clerk@quorum.local')).mustEnrolTotp).toBe(true);
    expect((await viewerFor('member@quorum.local')).mustEnrolTotp).toBe(false);
    expect((await viewerFor('secretary@quorum.local')).mustEnrolTotp).toBe(false);
    expect(await rowFor('clerk')).toMatchObject({ required: true, holders: 1, notEnrolled: 1 });
    expect((await rowFor('clerk')).requiredAt).toBeInstanceOf(Date);

    // Once the clerk has a second factor, the requirement is met.
    await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.email, 'clerk@quorum.local'));
    expect((await viewerFor('clerk@quorum.local')).mustEnrolTotp).toBe(false);
    expect(await rowFor('clerk')).toMatchObject({ required: true, notEnrolled: 0 });
    await db.update(users).set({ totpEnabledAt: null }).where(eq(users.email, 'clerk@quorum.local'));

    expect(await setTotpRequirement(db, 'clerk', false)).toBe(true);
    expect(await setTotpRequirement(db, 'clerk', false)).toBe(false);
    expect((await viewerFor('clerk@quorum.local')).mustEnrolTotp).toBe(false);
    expect((await rowFor('clerk')).required).toBe(false);
  });

  it('applies a requirement on a membership role in any organisation', async () => {
    const db = getDb();
    // The demo member holds only the member role in her cell; the secretary is a district secretary.
    await setTotpRequirement(db, 'member', true);
    expect((await viewerFor('member@quorum.local')).mustEnrolTotp).toBe(true);
    expect((await viewerFor('secretary@quorum.local')).mustEnrolTotp).toBe(false);
    await setTotpRequirement(db, 'secretary', true);
    expect((await viewerFor('secretary@quorum.local')).mustEnrolTotp).toBe(true);
    await setTotpRequirement(db, 'member', false);
    await setTotpRequirement(db, 'secretary', false);
    expect((await viewerFor('member@quorum.local')).mustEnrolTotp).toBe(false);
  });

  it('can require it for administrators', async () => {
    const db = getDb();
    await setTotpRequirement(db, 'admin', true);
    expect((await viewerFor('admin@quorum.local')).mustEnrolTotp).toBe(true);
    expect((await viewerFor('clerk@quorum.local')).mustEnrolTotp).toBe(false);
    await setTotpRequirement(db, 'admin', false);
    expect((await viewerFor('admin@quorum.local')).mustEnrolTotp).toBe(false);
  });

  it('accepts only known roles from the form', () => {
    expect(setTotpRequirementSchema.parse({ role: 'admin', required: 'true' })).toEqual({ role: 'admin', required: true });
    expect(setTotpRequirementSchema.parse({ role: 'clerk', required: 'false' })).toEqual({ role: 'clerk', required: false });
    expect(setTotpRequirementSchema.safeParse({ role: 'superuser', required: 'true' }).success).toBe(false);
    expect(setTotpRequirementSchema.safeParse({ role: 'clerk', required: 'yes' }).success).toBe(false);
  });
});
