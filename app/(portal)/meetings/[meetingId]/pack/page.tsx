import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { listAgenda, listDocuments } from '@/lib/meetings/agenda';
import { formatMeetingTime, meetingHeader } from '@/lib/meetings/pack';
import { DocumentList } from '../agenda/_components/document-list';

type Props = { params: Promise<{ meetingId: string }> };

/** Once per request; undefined (not visible, or no such meeting) answers 404. */
const load = cache(async (meetingId: string) => {
  const viewer = await requireViewer();
  const db = getDb();
  const access = await meetingAccess(db, viewer, meetingId);
  if (!access) return undefined;
  const [agenda, documents, header] = await Promise.all([
    listAgenda(db, access),
    listDocuments(db, access),
    meetingHeader(db, access.meeting.bodyId),
  ]);
  return { access, agenda, documents, header };
});

export async function generateMetadata({ params }: Props) {
  const data = await load((await params).meetingId);
  const t = await getTranslations('agenda.pack');
  return { title: data ? t('metaTitle', { meeting: data.access.meeting.title }) : t('title') };
}

/** The meeting pack for reading on a tablet: header, agenda, each item's documents. */
export default async function PackPage({ params }: Props) {
  const data = await load((await params).meetingId);
  if (!data) notFound();
  const t = await getTranslations('agenda');
  const locale = await getLocale();
  const { access, agenda, documents, header } = data;
  const { meeting } = access;
  const general = documents.filter((d) => !d.agendaItemId);
  const when = formatMeetingTime(locale, meeting.startsAt, meeting.endsAt, (start, end) => t('pack.timeRange', { start, end }));

  return (
    <>
      <p className="mb-2">
        <Link href={`/meetings/${meeting.id}`} className={buttonStyles.link}>
          ‹ {t('backToMeeting')}
        </Link>
      </p>
      <PageHeader title={meeting.title} description={t('pack.intro')} />

      <div className="grid gap-6">
        <section aria-labelledby="meeting-heading" className={cardStyles}>
          <h2 id="meeting-heading" className="sr-only">
            {t('pack.title')}
          </h2>
          <dl className="grid gap-3 text-lg sm:grid-cols-[max-content_1fr] sm:gap-x-6">
            <dt className="font-semibold text-stone-600">{t('pack.body')}</dt>
            <dd className="[overflow-wrap:anywhere]">
              {header.bodyName} · {header.organizationName} · {t(`pack.meetingKinds.${meeting.kind}`)}
            </dd>
            <dt className="font-semibold text-stone-600">{t('pack.when')}</dt>
            <dd>{when}</dd>
            {meeting.location && (
              <>
                <dt className="font-semibold text-stone-600">{t('pack.where')}</dt>
                <dd className="[overflow-wrap:anywhere]">{meeting.location}</dd>
              </>
            )}
            {meeting.onlineUrl && /^https?:\/\//i.test(meeting.onlineUrl) && (
              <>
                <dt className="font-semibold text-stone-600">{t('pack.online')}</dt>
                <dd>
                  <a href={meeting.onlineUrl} target="_blank" rel="noopener noreferrer" className={`${buttonStyles.link} [overflow-wrap:anywhere]`}>
                    {t('pack.onlineLink')}
                  </a>
                </dd>
              </>
            )}
          </dl>
          <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-stone-200 pt-4">
            {/* A plain link: the PDF is built on request and opens in the browser's viewer. */}
            <a href={`/api/meetings/${meeting.id}/pack`} target="_blank" rel="noopener noreferrer" className={buttonStyles.primary}>
              {t('pack.download')}
            </a>
            {access.canPrepare && (
              <Link href={`/meetings/${meeting.id}/agenda`} className={buttonStyles.secondary}>
                {t('pack.editAgenda')}
              </Link>
            )}
            <p className="w-full text-sm text-stone-600">{t('pack.downloadHint')}</p>
          </div>
        </section>

        {general.length > 0 && (
          <section aria-labelledby="general-heading" className={cardStyles}>
            <h2 id="general-heading" className="mb-2 text-xl font-bold">
              {t('documents.meetingLevel')}
            </h2>
            <DocumentList meetingId={meeting.id} documents={general} canRemove={false} locale={locale} />
          </section>
        )}

        <section aria-labelledby="agenda-heading" className={cardStyles}>
          <h2 id="agenda-heading" className="mb-3 text-xl font-bold">
            {t('title')}
          </h2>
          {agenda.length === 0 ? (
            <p className="text-stone-600">{t('empty')}</p>
          ) : (
            <ol className="grid gap-4" data-testid="pack-agenda">
              {agenda.map((item, index) => (
                <li key={item.id} aria-labelledby={`pack-item-${item.id}`} className="min-w-0 rounded-lg border border-stone-200 p-4">
                  <div className="flex items-start gap-3">
                    <span
                      aria-hidden="true"
                      className="flex size-11 shrink-0 items-center justify-center rounded-full bg-brand-700 text-lg font-bold text-white"
                    >
                      {index + 1}
                    </span>
                    <div className="min-w-0 flex-1">
                      <h3 id={`pack-item-${item.id}`} className="text-lg font-bold [overflow-wrap:anywhere]">
                        <span className="sr-only">{t('itemNumber', { number: index + 1 })}: </span>
                        {item.title}
                      </h3>
                      <p className="flex flex-wrap gap-x-3 gap-y-1 text-stone-700">
                        <span className="rounded bg-stone-100 px-2 font-semibold">{t(`kinds.${item.kind}`)}</span>
                        {item.presenter && <span className="[overflow-wrap:anywhere]">{t('presentedBy', { name: item.presenter })}</span>}
                        {item.plannedMinutes && <span>{t('minutes', { count: item.plannedMinutes })}</span>}
                      </p>
                    </div>
                  </div>
                  <div className="mt-2 sm:pl-14">
                    <DocumentList
                      meetingId={meeting.id}
                      documents={documents.filter((d) => d.agendaItemId === item.id)}
                      canRemove={false}
                      locale={locale}
                    />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
