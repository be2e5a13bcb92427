import { eq } from 'drizzle-orm';
import { organizations, resolutions, users } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { type DraftInput, createDraft } from './lifecycle';

// Test data for the resolutions tests (not imported by app code).

export async function organizationId(name: string) {
  const [row] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

export async function userId(email: string) {
  const [row] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** A draft resolution of an organisation, created directly (no audit). */
export async function insertDraft(orgId: string, authorId: string, overrides: Partial<DraftInput> = {}) {
  const input: DraftInput = {
    type: 'NQ',
    congress: false,
    title: 'Về lãnh đạo thực hiện nhiệm vụ quý I',
    body: 'I. NHIỆM VỤ\n1. Tiếp tục lãnh đạo phát triển kinh tế.',
    recipients: 'Các chi bộ trực thuộc\nLưu Văn phòng',
    signingCapacity: 'T/M BAN THƯỜNG VỤ',
    signerId: null,
    meetingId: null,
    agendaItemId: null,
    ballotId: null,
    ...overrides,
  };
  return getDb().transaction((tx) => createDraft(tx, { organizationId: orgId, ...input }, authorId));
}

export async function resolutionRow(id: string) {
  const [row] = await getDb().select().from(resolutions).where(eq(resolutions.id, id));
  return row!;
}
