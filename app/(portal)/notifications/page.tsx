import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { MEETING_TIME_ZONE } from '@/lib/meetings/time';
import { listNotifications } from '@/lib/notifications/queries';
import { PageHeader } from '../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../_components/ui/styles';
import { MarkAllReadButton } from './_components/mark-all-read-button';

export async function generateMetadata() {
  return { title: (await getTranslations('notifications'))('title') };
}

/** The viewer's own notifications, newest first, unread ones highlighted. Every signed-in user. */
export default async function NotificationsPage() {
  const viewer = await requireViewer();
  const t = await getTranslations('notifications');
  const locale = await getLocale();
  const rows = await listNotifications(getDb(), viewer.id);
  const unread = rows.filter((n) => !n.readAt).length;
  const when = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'short', timeStyle: 'short', timeZone: MEETING_TIME_ZONE });

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          unread > 0 ? (
            <ClientMessages areas={['common', 'notifications']}>
              <MarkAllReadButton label={t('markAllRead')} />
            </ClientMessages>
          ) : undefined
        }
      />
      <section className={cardStyles} aria-labelledby="notifications-heading">
        <h2 id="notifications-heading" className="mb-3 font-semibold" aria-live="polite">
          {t('unreadCount', { count: unread })}
        </h2>
        {rows.length === 0 ? (
          <p className="text-stone-600">{t('empty')}</p>
        ) : (
          <ul className="grid gap-2" data-testid="notifications">
            {rows.map((n) => (
              <li
                key={n.id}
                className={`rounded-lg border p-3 ${n.readAt ? 'border-stone-200 bg-white' : 'border-brand-200 bg-brand-50'}`}
                data-unread={n.readAt ? undefined : 'true'}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="min-w-0 font-semibold [overflow-wrap:anywhere]">
                    {!n.readAt && <span className="mr-2 rounded-full bg-brand-700 px-2 py-0.5 text-sm text-white">{t('unread')}</span>}
                    {n.title}
                  </p>
                  <time className="text-sm text-stone-600" dateTime={n.createdAt.toISOString()}>
                    {when.format(n.createdAt)}
                  </time>
                </div>
                {n.body && <p className="mt-1 whitespace-pre-line text-stone-800 [overflow-wrap:anywhere]">{n.body}</p>}
                {n.link?.startsWith('/') && (
                  <Link href={n.link} className={buttonStyles.link}>
                    {t('open')}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
