import 'server-only';
import { and, inArray, isNull } from 'drizzle-orm';
import { notifications, users } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { type Mail, deliverMail } from './mail';

export type Notice = {
  userId: string;
  /** e.g. `meeting.invited`, `meeting.cancelled`. */
  kind: string;
  title: string;
  body?: string;
  /** A path inside the portal, e.g. `/meetings/<id>`. */
  link?: string;
};

/**
 * Writes in-app notifications in the caller's transaction and returns the task that sends the
 * matching e-mails, to be run after commit (`ctx.afterCommit`), so a rolled-back change never
 * mails anyone and a mail failure never undoes the change. Disabled accounts get no e-mail.
 */
export async function notify(db: Db, notices: readonly Notice[]): Promise<() => Promise<void>> {
  if (!notices.length) return async () => {};
  await db.insert(notifications).values(
    notices.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null })),
  );
  const ids = [...new Set(notices.map((n) => n.userId))];
  const recipients = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, ids), isNull(users.disabledAt)));
  const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
  const mails: Mail[] = notices.flatMap((n) => {
    const to = emailOf.get(n.userId);
    return to ? [{ to, subject: n.title, text: [n.body, n.link].filter(Boolean).join('\n\n') }] : [];
  });
  return async () => {
    await deliverMail(mails);
  };
}
