import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifications } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { viewerFor } from '@/lib/test/fixtures';
import { deliverMail } from './mail';
import { notify } from './notify';
import { listNotifications, markAllRead, unreadCount } from './queries';

afterEach(() => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  vi.restoreAllMocks();
});

describe('notifications', () => {
  it('are written in the transaction, listed newest first and marked read for their owner only', async () => {
    const member = await viewerFor('member@quorum.local');
    const clerk = await viewerFor('clerk@quorum.local');
    const send = await getDb().transaction((tx) =>
      notify(tx, [
        { userId: member.id, kind: 'meeting.invited', title: 'Giấy mời họp: A', body: 'Nội dung', link: '/meetings/x' },
        { userId: clerk.id, kind: 'meeting.invited', title: 'Giấy mời họp: A' },
      ]),
    );
    await getDb().transaction((tx) => notify(tx, [{ userId: member.id, kind: 'meeting.cancelled', title: 'Hủy cuộc họp: A' }]));
    const list = await listNotifications(getDb(), member.id);
    expect(list.map((n) => n.title)).toEqual(['Hủy cuộc họp: A', 'Giấy mời họp: A']);
    expect(await unreadCount(getDb(), member.id)).toBe(2);
    expect(await markAllRead(getDb(), member.id)).toBe(2);
    expect(await unreadCount(getDb(), member.id)).toBe(0);
    expect(await unreadCount(getDb(), clerk.id)).toBe(1);

    // Without SMTP_URL the e-mails are logged at info level, not sent.
    const info = vi.spyOn(logger, 'info');
    await send();
    expect(info).toHaveBeenCalledTimes(2);
    expect(info.mock.calls[0]![0]).toMatchObject({ mail: { to: 'member@quorum.local', subject: 'Giấy mời họp: A' } });
  });

  it('roll back with the transaction that wrote them', async () => {
    const member = await viewerFor('member@quorum.local');
    await getDb()
      .transaction(async (tx) => {
        await notify(tx, [{ userId: member.id, kind: 'test', title: 'rolled back' }]);
        throw new Error('abort');
      })
      .catch(() => {});
    expect(await getDb().select().from(notifications).where(eq(notifications.title, 'rolled back'))).toEqual([]);
  });

  it('never throw when the mail server fails; the failure is logged without the server address', async () => {
    process.env.SMTP_URL = 'smtp://user:secret@127.0.0.1:1';
    resetEnvCache();
    const warn = vi.spyOn(logger, 'warn');
    const result = await deliverMail([{ to: 'member@quorum.local', subject: 'S', text: 'T' }]);
    expect(result).toEqual({ sent: 0, logged: 0, failed: 1 });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('secret');
  });
});
