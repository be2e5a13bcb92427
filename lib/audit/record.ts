import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { auditEvents } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import type { RequestMeta } from '@/lib/server/request-meta';

export type AuditActor = { id: string; name: string } | null;

export type AuditEntry = {
  action: string;
  organizationId?: string | null;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
};

/**
 * Appends one audit row. Call it with the transaction that makes the change, so the row exists
 * exactly when the change does; id, time and hash are set by the database trigger.
 */
export async function recordAudit(db: Db, actor: AuditActor, meta: RequestMeta, entry: AuditEntry) {
  await db.insert(auditEvents).values({
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? null,
    action: entry.action,
    organizationId: entry.organizationId ?? null,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: entry.details ?? {},
  });
}

/** The audit of one actor and request: appends a row; its actor and request feed statements that insert many rows (`insertAuditRows`). */
export type Auditor = ((entry: AuditEntry) => Promise<void>) & {
  /** The same actor and request, appending with another handle (a transaction opened later). */
  on: (db: Db) => Auditor;
  readonly actor: AuditActor;
  readonly meta: RequestMeta;
};

/**
 * The INSERT of audit rows selected by `rows`, whose columns are, in order: actor id, actor name,
 * action, organization id, entity type, entity id, ip, user agent, details. For a statement that
 * makes many changes at once (ordered as `rows` orders them, which is the chain's order).
 */
export function insertAuditRows(rows: SQL): SQL {
  return sql`insert into audit_events (actor_id, actor_name, action, organization_id, entity_type, entity_id, ip, user_agent, details) ${rows}`;
}

export function auditor(db: Db, actor: AuditActor, meta: RequestMeta): Auditor {
  return Object.assign((entry: AuditEntry) => recordAudit(db, actor, meta, entry), {
    on: (other: Db) => auditor(other, actor, meta),
    actor,
    meta,
  });
}
