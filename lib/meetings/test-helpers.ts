import { and, eq } from 'drizzle-orm';
import { bodies, bodySeats, memberships, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { TEST_META } from '@/lib/test/fixtures';
import type { ChangeContext } from './context';

/** Runs a meeting change as `viewer` in one transaction, then its after-commit tasks (for tests). */
export async function asViewer<T>(viewer: Viewer, change: (ctx: ChangeContext) => Promise<T>): Promise<T> {
  const tasks: (() => Promise<void> | void)[] = [];
  const result = await getDb().transaction((tx) =>
    change({
      tx,
      viewer,
      audit: (entry) => recordAudit(tx, { id: viewer.id, name: viewer.name }, TEST_META, entry),
      afterCommit: (task) => void tasks.push(task),
    }),
  );
  for (const task of tasks) await task();
  return result;
}

/** A body of a demo organisation, with its seats. */
export async function demoBody(organizationName: string, kind: (typeof bodies.kind.enumValues)[number]) {
  const db = getDb();
  const [body] = await db
    .select({ id: bodies.id, organizationId: bodies.organizationId })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(organizations.name, organizationName), eq(bodies.kind, kind)));
  if (!body) throw new Error(`no ${kind} in ${organizationName}`);
  const seats = await db
    .select({ userId: bodySeats.userId, status: bodySeats.status, title: bodySeats.title, name: users.name, email: users.email })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(eq(bodySeats.bodyId, body.id))
    .orderBy(bodySeats.createdAt, users.email);
  return { ...body, seats };
}

/** The e-mail of the holder of a role in a demo organisation (e.g. a cell's own secretary). */
export async function roleHolderEmail(organizationName: string, role: (typeof memberships.role.enumValues)[number]) {
  const [row] = await getDb()
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(organizations.name, organizationName), eq(memberships.role, role)));
  if (!row) throw new Error(`no ${role} in ${organizationName}`);
  return row.email;
}
