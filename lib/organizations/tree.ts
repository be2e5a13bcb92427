import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { type OrganizationKind, organizations } from '@/db/schema';
import type { Db } from '@/lib/db/client';

/** Which kinds of organisation may sit directly under which. */
export const CHILD_KINDS: Record<OrganizationKind, OrganizationKind[]> = {
  provincial_committee: ['district_committee', 'grassroots_committee'],
  district_committee: ['grassroots_committee', 'cell'],
  grassroots_committee: ['cell'],
  cell: [],
};

export type NewOrganization = {
  parentId: string | null;
  kind: OrganizationKind;
  name: string;
  code: string;
  currentTerm: string;
};

export class TreeError extends Error {
  constructor(public readonly code: 'PARENT_NOT_FOUND' | 'KIND_NOT_ALLOWED') {
    super(code);
  }
}

/** Inserts an organisation with its materialised path (the id is chosen here to build it). */
export async function insertOrganization(db: Db, input: NewOrganization) {
  const id = randomUUID();
  let path = `/${id}/`;
  let depth = 0;
  if (input.parentId) {
    const [parent] = await db
      .select({ path: organizations.path, depth: organizations.depth, kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.id, input.parentId));
    if (!parent) throw new TreeError('PARENT_NOT_FOUND');
    if (!CHILD_KINDS[parent.kind].includes(input.kind)) throw new TreeError('KIND_NOT_ALLOWED');
    path = `${parent.path}${id}/`;
    depth = parent.depth + 1;
  }
  const [row] = await db
    .insert(organizations)
    .values({ id, ...input, path, depth })
    .returning({ id: organizations.id, path: organizations.path });
  return row!;
}
