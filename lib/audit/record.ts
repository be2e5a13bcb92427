import 'server-only';
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
