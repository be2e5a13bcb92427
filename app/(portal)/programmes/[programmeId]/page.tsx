import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { type ProgrammeDetail, programmeDetail } from '@/lib/meetings/programmes';
import { formatMeetingDate } from '@/lib/meetings/time';
import { AddItemForm } from '../_components/add-item-form';
import { GenerateForm } from '../_components/generate-form';
import { RemoveItemButton } from '../_components/remove-item-button';

export async function generateMetadata() {
  return { title: (await getTranslations('programmes'))('title') };
}

type Item = ProgrammeDetail['items'][number];

/** One work programme: items by year, quarter and month, generation of the year's meetings. */
export default async function ProgrammePage({ params }: { params: Promise<{ programmeId: string }> }) {
  const viewer = await requirePermission('programme.manage');
  const { programmeId } = await params;
  const programme = await programmeDetail(getDb(), viewer, programmeId);
  if (!programme) notFound();
  const t = await getTranslations();
  const locale = await getLocale();

  const annual = programme.items.filter((i) => !i.month && !i.quarter);
  const quarterOf = (i: Item) => i.quarter ?? (i.month ? Math.ceil(i.month / 3) : 0);
  const period = (i: Item) =>
    i.month ? t('programmes.periods.month', { month: i.month }) : i.quarter ? t('programmes.periods.quarter', { quarter: i.quarter }) : t('programmes.periods.year');

  const itemList = (items: Item[]) => (
    <ul className="divide-y divide-stone-200">
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <p className="text-sm font-semibold text-stone-600">
              {period(item)} · {t(`programmes.kinds.${item.kind}`)}
            </p>
            <p className="break-words">{item.topic}</p>
            {item.meetingId && item.meetingStartsAt ? (
              <Link href={`/meetings/${item.meetingId}`} className={`${buttonStyles.link} break-words`}>
                {t('programmes.meetingLink', { date: formatMeetingDate(item.meetingStartsAt, locale) })}
                {item.meetingStatus ? ` (${t(`programmes.meetingStatus.${item.meetingStatus}`)})` : ''}
              </Link>
            ) : (
              <p className="text-sm text-stone-600">{item.plannedDate ?? t('programmes.noMeeting')}</p>
            )}
          </div>
          <div className="shrink-0">
            <RemoveItemButton programmeId={programme.id} itemId={item.id} topic={item.topic} />
          </div>
        </li>
      ))}
    </ul>
  );

  return (
    <>
      <Link href={`/programmes?year=${programme.year}`} className={`${buttonStyles.link} mb-2 gap-1`}>
        <span aria-hidden="true">←</span> {t('programmes.back')}
      </Link>
      <PageHeader title={programme.title} description={`${programme.bodyName} · ${programme.organizationName}`} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          {programme.items.length === 0 && <p className={cardStyles}>{t('programmes.emptyItems')}</p>}
          {annual.length > 0 && (
            <section className={cardStyles} aria-labelledby="annual-heading">
              <h2 id="annual-heading" className="text-xl font-bold">
                {t('programmes.annualHeading')}
              </h2>
              {itemList(annual)}
            </section>
          )}
          {[1, 2, 3, 4].map((q) => {
            const items = programme.items.filter((i) => quarterOf(i) === q);
            if (items.length === 0) return null;
            return (
              <section key={q} className={cardStyles} aria-labelledby={`q${q}-heading`}>
                <h2 id={`q${q}-heading`} className="text-xl font-bold">
                  {t('programmes.quarterHeading', { quarter: q })}
                </h2>
                {itemList(items)}
              </section>
            );
          })}
        </div>

        <div className="space-y-6">
          <section className={cardStyles} aria-labelledby="generate-heading">
            <h2 id="generate-heading" className="mb-2 text-xl font-bold">
              {t('programmes.generate.heading')}
            </h2>
            <p className="mb-4 text-stone-700">{t('programmes.generate.help')}</p>
            <GenerateForm programmeId={programme.id} thematicByDefault={programme.bodyKind === 'cell_assembly'} />
          </section>
          <section className={cardStyles} aria-labelledby="add-heading">
            <h2 id="add-heading" className="mb-3 text-xl font-bold">
              {t('programmes.item.heading')}
            </h2>
            <AddItemForm programmeId={programme.id} year={programme.year} />
          </section>
        </div>
      </div>
    </>
  );
}
