import { bigserial, index, inet, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only and hash-chained: a trigger (migration 0001) assigns id and hash under a lock and
 * refuses UPDATE, DELETE and TRUNCATE. `npm run audit:verify` recomputes the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    occurredAt: timestamp({ withTimezone: true, precision: 6 }).notNull().defaultNow(),
    actorId: uuid(),
    /** Actor's name at the time, so the log reads true after renames. */
    actorName: text(),
    action: text().notNull(),
    organizationId: uuid(),
    entityType: text(),
    entityId: text(),
    ip: inet(),
    userAgent: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text().notNull().default(''),
    hash: text().notNull().default(''),
  },
  (t) => [
    index('audit_events_org_idx').on(t.organizationId, t.id),
    index('audit_events_actor_idx').on(t.actorId, t.id),
    index('audit_events_action_idx').on(t.action, t.id),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
