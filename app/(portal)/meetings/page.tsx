import Form from 'next/form';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { meetingStatus } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { listMeetings, meetingBodyOptions } from '@/lib/meetings/queries';
import { formatMeetingDate, formatMeetingTimes } from '@/lib/meetings/time';
import { SelectField } from '../../_components/ui/field';
import { PageHeader } from '../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../_components/ui/styles';
import { MeetingStatusBadge, ResponseBadge } from './_components/badges';

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('title') };
}

const filterSchema = z.object({
  body: z.uuid().optional().catch(undefined),
  status: z.enum(meetingStatus.enumValues).optional().catch(undefined),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Upcoming and past meetings the viewer may see (lib/meetings/access.ts visibleMeetings). */
export default async function MeetingsPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const t = await getTranslations('meetings');
  const locale = await getLocale();
  const raw = await searchParams;
  const filter = filterSchema.parse({ body: typeof raw.body === 'string' && raw.body ? raw.body : undefined, status: typeof raw.status === 'string' && raw.status ? raw.status : undefined });
  const db = getDb();
  const [upcoming, recent, bodyOptions] = await Promise.all([
    listMeetings(db, viewer, { bodyId: filter.body, status: filter.status }, 'upcoming'),
    listMeetings(db, viewer, { bodyId: filter.body, status: filter.status }, 'recent'),
    meetingBodyOptions(db, viewer),
  ]);

  const section = (key: 'upcoming' | 'recent', rows: typeof upcoming) => (
    <section className={cardStyles} aria-labelledby={`${key}-heading`}>
      <h2 id={`${key}-heading`} className="mb-3 text-xl font-bold">
        {t(`list.${key}`)}
      </h2>
      {rows.length === 0 ? (
        <p className="text-stone-600">{t(key === 'upcoming' ? 'list.emptyUpcoming' : 'list.emptyRecent')}</p>
      ) : (
        <ul className="divide-y divide-stone-200" data-testid={`meetings-${key}`}>
          {rows.map((m) => (
            <li key={m.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
              <div className="min-w-0">
                <Link href={`/meetings/${m.id}`} className={`${buttonStyles.link} text-lg [overflow-wrap:anywhere]`} aria-label={t('list.open', { title: m.title })}>
                  {m.title}
                </Link>
                <p className="text-stone-700">
                  <time dateTime={m.startsAt.toISOString()}>
                    {formatMeetingDate(m.startsAt, locale)} · {formatMeetingTimes(m.startsAt, m.endsAt, locale)}
                  </time>
                </p>
                <p className="text-sm text-stone-600 [overflow-wrap:anywhere]">
                  {m.bodyName} · {m.organizationName} · {t(`kinds.${m.kind}`)}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2 sm:flex-col sm:items-end">
                <MeetingStatusBadge status={m.status} label={t(`status.${m.status}`)} />
                {m.response && (
                  <ResponseBadge response={m.response} label={t('list.yourReply', { response: t(`responses.${m.response}`) })} />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can(viewer, 'meeting.prepare') ? (
            <Link href="/meetings/new" className={buttonStyles.primary}>
              {t('list.prepare')}
            </Link>
          ) : undefined
        }
      />
      <section className={`${cardStyles} mb-6`} aria-labelledby="meeting-filters-heading">
        <h2 id="meeting-filters-heading" className="sr-only">
          {t('list.filters')}
        </h2>
        <Form action="/meetings" className="grid items-end gap-4 sm:grid-cols-[1fr_1fr_auto]">
          <SelectField
            label={t('list.body')}
            name="body"
            defaultValue={filter.body ?? ''}
            options={[{ value: '', label: t('list.allBodies') }, ...bodyOptions.map((b) => ({ value: b.id, label: `${b.name} (${b.organizationName})` }))]}
            className="min-w-0"
          />
          <SelectField
            label={t('list.status')}
            name="status"
            defaultValue={filter.status ?? ''}
            options={[{ value: '', label: t('list.allStatuses') }, ...meetingStatus.enumValues.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
            className="min-w-0"
          />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonStyles.primary}>
              {t('list.apply')}
            </button>
            {(filter.body || filter.status) && (
              <Link href="/meetings" className={buttonStyles.secondary}>
                {t('list.clear')}
              </Link>
            )}
          </div>
        </Form>
      </section>
      <div className="grid gap-6">
        {section('upcoming', upcoming)}
        {section('recent', recent)}
      </div>
    </>
  );
}
