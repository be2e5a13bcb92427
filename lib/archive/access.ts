import 'server-only';
import { type SQL, and, eq, or, sql } from 'drizzle-orm';
import { archiveRecords, organizations } from '@/db/schema';
import { type Principal, can } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';

/**
 * Who may see an archived record: `archive.view` in its organisation for records whose audience is
 * the whole organisation; `archive.view.restricted` (committee, office, oversight) for records kept
 * to the leadership. Everyone else gets undefined, which pages and routes answer with 404.
 */
export type RecordAccess = {
  record: typeof archiveRecords.$inferSelect;
  organizationPath: string;
  organizationName: string;
  canManage: boolean;
  canDispose: boolean;
};

export async function recordAccess(db: Db, viewer: Principal, recordId: string): Promise<RecordAccess | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(recordId)) return undefined;
  const [row] = await db
    .select({ record: archiveRecords, organizationPath: organizations.path, organizationName: organizations.name })
    .from(archiveRecords)
    .innerJoin(organizations, eq(organizations.id, archiveRecords.organizationId))
    .where(eq(archiveRecords.id, recordId));
  if (!row) return undefined;
  const scope = { organizationPath: row.organizationPath };
  const visible =
    row.record.audience === 'organization'
      ? can(viewer, 'archive.view', scope)
      : can(viewer, 'archive.view.restricted', scope);
  if (!visible) return undefined;
  return {
    record: row.record,
    organizationPath: row.organizationPath,
    organizationName: row.organizationName,
    canManage: can(viewer, 'archive.manage', scope),
    canDispose: can(viewer, 'archive.dispose', scope),
  };
}

/**
 * The same rule as a WHERE condition on `archive_records`, for search and lists: it sits inside
 * the SQL before ranking and paging, so nothing the viewer may not see is ever ranked or counted.
 */
export function visibleRecords(viewer: Principal): SQL {
  const orgIds = (action: 'archive.view' | 'archive.view.restricted') =>
    sql`${archiveRecords.organizationId} in (select ${organizations.id} from ${organizations} where ${organizationScope(viewer, action)})`;
  return or(and(eq(archiveRecords.audience, 'organization'), orgIds('archive.view')), orgIds('archive.view.restricted'))!;
}

/**
 * The same rule split in two for statements that test it on thousands of rows (search): the
 * organisations whose records the viewer may see, as the body of a materialized CTE named
 * `name` (with `restricted`: leaders-only records too), and the condition on `archive_records`
 * that refers to it. The organisation scope is then planned and evaluated once per statement
 * instead of once for every place the condition appears.
 */
export function visibleOrganizations(viewer: Principal): SQL {
  const restricted = organizationScope(viewer, 'archive.view.restricted');
  return sql`select ${organizations.id} as id, (${restricted}) as restricted from ${organizations}
    where ${organizationScope(viewer, 'archive.view')} or ${restricted}`;
}

/** `visibleRecords` against the CTE `name` built from `visibleOrganizations` (same viewer). */
export function visibleRecordsIn(name: string): SQL {
  const cte = sql.raw(name);
  return sql`(${archiveRecords.organizationId} in (select id from ${cte} where restricted)
    or (${archiveRecords.audience} = 'organization' and ${archiveRecords.organizationId} in (select id from ${cte})))`;
}
