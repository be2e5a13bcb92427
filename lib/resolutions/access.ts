import 'server-only';
import { type SQL, eq, or, sql } from 'drizzle-orm';
import { organizations, resolutions } from '@/db/schema';
import { type Principal, can } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';

/**
 * Who may see and do what with one document. Those who draft or issue in the issuing organisation
 * see every state (drafts, held and void numbers); everyone else with `resolution.view` there or
 * above sees issued documents only. Anyone else gets undefined, answered with 404.
 */
export type ResolutionAccess = {
  resolution: typeof resolutions.$inferSelect;
  organizationPath: string;
  canDraft: boolean;
  canIssue: boolean;
};

export async function resolutionAccess(db: Db, viewer: Principal, resolutionId: string): Promise<ResolutionAccess | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(resolutionId)) return undefined;
  const [row] = await db
    .select({ resolution: resolutions, organizationPath: organizations.path })
    .from(resolutions)
    .innerJoin(organizations, eq(organizations.id, resolutions.organizationId))
    .where(eq(resolutions.id, resolutionId));
  if (!row) return undefined;
  const scope = { organizationPath: row.organizationPath };
  const canDraft = can(viewer, 'resolution.draft', scope);
  const canIssue = can(viewer, 'resolution.issue', scope);
  if (!canDraft && !canIssue && !(row.resolution.status === 'issued' && can(viewer, 'resolution.view', scope))) return undefined;
  return { resolution: row.resolution, organizationPath: row.organizationPath, canDraft, canIssue };
}

/** The same rule as a WHERE condition on `resolutions`, for lists (filter before paging). */
export function visibleResolutions(viewer: Principal): SQL {
  const orgIds = (action: 'resolution.draft' | 'resolution.issue' | 'resolution.view') =>
    sql`${resolutions.organizationId} in (select ${organizations.id} from ${organizations} where ${organizationScope(viewer, action)})`;
  return or(orgIds('resolution.draft'), orgIds('resolution.issue'), sql`(${resolutions.status} = 'issued' and ${orgIds('resolution.view')})`)!;
}

/** Organisations where the viewer may do `action`, by name (for pickers and filters). */
export async function organizationsWhere(db: Db, viewer: Principal, action: 'resolution.draft' | 'resolution.view' | 'resolution.configure') {
  return db
    .select({ id: organizations.id, name: organizations.name, path: organizations.path })
    .from(organizations)
    .where(organizationScope(viewer, action))
    .orderBy(organizations.depth, organizations.name);
}
