import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { SelectField } from '@/app/_components/ui/field';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { type MeetingStatistics, GOOD_ATTENDANCE_RATE, attendanceStatistics, statisticsYears } from '@/lib/meetings/statistics';
import { formatMeetingDate } from '@/lib/meetings/time';

export async function generateMetadata() {
  return { title: (await getTranslations('statistics'))('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Attendance statistics (`meeting.statistics.view`): cells in the viewer's scope only — their own
 * cell for its leaders and office, every cell below for the leadership and office above.
 */
export default async function AttendanceStatisticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission('meeting.statistics.view');
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const db = getDb();
  const years = await statisticsYears(db, viewer);
  const raw = (await searchParams).year;
  const asked = Number.parseInt(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''), 10);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : years[0]!;
  const yearOptions = [...new Set([year, ...years])].sort((a, b) => b - a);
  const cells = await attendanceStatistics(db, viewer, year);

  const percent = (rate: number | null) =>
    rate === null ? t('statistics.noRate') : format.number(rate, { style: 'percent', maximumFractionDigits: 1 });
  const reasons = (m: MeetingStatistics) => [
    ...(m.rate > GOOD_ATTENDANCE_RATE ? [] : [t('statistics.reasons.rate', { rate: percent(m.rate) })]),
    ...(m.unexcused > 0 ? [t('statistics.reasons.unexcused', { count: m.unexcused })] : []),
    ...(m.excusedTooOften.length ? [t('statistics.reasons.excusedTooOften', { names: m.excusedTooOften.join(', ') })] : []),
  ];
  const badge = (good: boolean) => (
    <span
      className={`inline-flex rounded-full px-3 py-1 text-sm font-semibold ${good ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'}`}
    >
      {good ? t('statistics.good') : t('statistics.notGood')}
    </span>
  );
  const exports = (m: MeetingStatistics) => (
    <div className="flex flex-wrap gap-2">
      <a
        href={`/api/meetings/${m.id}/attendance/export?format=pdf`}
        className={buttonStyles.secondary}
        aria-label={t('statistics.export.pdfFor', { meeting: m.title })}
      >
        {t('statistics.export.pdf')}
      </a>
      <a
        href={`/api/meetings/${m.id}/attendance/export?format=xlsx`}
        className={buttonStyles.secondary}
        aria-label={t('statistics.export.xlsxFor', { meeting: m.title })}
      >
        {t('statistics.export.xlsx')}
      </a>
    </div>
  );

  return (
    <>
      <PageHeader title={t('statistics.title')} description={t('statistics.intro')} />
      <form method="get" action="/statistics/attendance" className={`${cardStyles} mb-6 flex flex-wrap items-end gap-3`}>
        <SelectField
          label={t('statistics.year')}
          name="year"
          defaultValue={String(year)}
          options={yearOptions.map((y) => ({ value: String(y), label: String(y) }))}
          className="w-40"
        />
        <button type="submit" className={buttonStyles.primary}>
          {t('statistics.show')}
        </button>
      </form>
      <p className="mb-6 text-sm text-stone-600">{t('statistics.note')}</p>

      {cells.length === 0 && <p className={cardStyles}>{t('statistics.noCells')}</p>}

      <div className="space-y-6">
        {cells.map((cell) => (
          <section key={cell.id} className={cardStyles} aria-labelledby={`cell-${cell.id}`}>
            <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h2 id={`cell-${cell.id}`} className="text-xl font-bold">
                  {cell.name}
                </h2>
                {cell.parentName && <p className="text-stone-600">{t('statistics.underParent', { parent: cell.parentName })}</p>}
              </div>
              <dl className="text-right">
                <dt className="text-sm text-stone-600">{t('statistics.yearRate')}</dt>
                <dd className="text-2xl font-bold">{percent(cell.year.rate)}</dd>
                <dd className="text-sm text-stone-700">
                  {t('statistics.goodCount', { good: cell.year.good, total: cell.year.meetings })}
                </dd>
              </dl>
            </div>

            {cell.year.meetings === 0 ? (
              <p className="text-stone-700">{t('statistics.noMeetings', { year })}</p>
            ) : (
              <>
                <h3 className="mb-2 text-lg font-bold">{t('statistics.monthsHeading')}</h3>
                {/* Twelve small tiles: 3 per row on phones, 6 on tablets, 12 on wide screens. */}
                <ul className="mb-6 grid grid-cols-3 gap-2 sm:grid-cols-6 xl:grid-cols-12">
                  {cell.months.map((m) => (
                    <li key={m.month} className="rounded-lg border border-stone-200 p-2 text-center">
                      <span className="block text-sm text-stone-600">
                        <abbr title={`${t('statistics.month')} ${m.month}`} className="no-underline">
                          {t('statistics.monthShort', { month: m.month })}
                        </abbr>
                      </span>
                      <span className="block font-semibold">{percent(m.rate)}</span>
                      {m.meetings > 0 && (
                        <span className="block text-xs text-stone-600">
                          {t('statistics.meetingsCount')}: {m.meetings}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>

                <h3 className="mb-2 text-lg font-bold">{t('statistics.meetingsHeading')}</h3>
                {/* Tablet and desktop: a table. */}
                <div className="hidden overflow-x-auto md:block">
                  <table className="w-full text-left">
                    <thead className="bg-stone-100 text-sm text-stone-700">
                      <tr>
                        <th scope="col" className="px-3 py-2 font-semibold">{t('statistics.date')}</th>
                        <th scope="col" className="px-3 py-2 font-semibold">{t('statistics.meeting')}</th>
                        <th scope="col" className="px-3 py-2 font-semibold">{t('statistics.attendanceCol')}</th>
                        <th scope="col" className="px-3 py-2 font-semibold">{t('statistics.quality')}</th>
                        <th scope="col" className="px-3 py-2 font-semibold">{t('statistics.export.label')}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-stone-200">
                      {cell.meetings.map((m) => (
                        <tr key={m.id} className="align-top">
                          <td className="px-3 py-2 whitespace-nowrap">{formatMeetingDate(m.startsAt, locale)}</td>
                          <td className="px-3 py-2">
                            <Link href={`/meetings/${m.id}`} className={buttonStyles.link}>
                              {m.title}
                            </Link>
                            <p className="text-sm text-stone-600">{t(`statistics.kinds.${m.kind}`)}</p>
                          </td>
                          <td className="px-3 py-2">
                            <span className="font-semibold">{percent(m.rate)}</span>
                            <span className="block text-sm text-stone-600">{t('statistics.presentOf', { present: m.present, counted: m.counted })}</span>
                          </td>
                          <td className="px-3 py-2">
                            {badge(m.good)}
                            <ul className="mt-1 list-disc pl-5 text-sm text-red-900">
                              {reasons(m).map((r) => (
                                <li key={r}>{r}</li>
                              ))}
                            </ul>
                          </td>
                          <td className="px-3 py-2">{exports(m)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {/* Phone: one card per meeting. */}
                <ul className="space-y-3 md:hidden">
                  {cell.meetings.map((m) => (
                    <li key={m.id} className="rounded-lg border border-stone-200 p-3">
                      <Link href={`/meetings/${m.id}`} className={`${buttonStyles.link} break-words`}>
                        {m.title}
                      </Link>
                      <p className="text-sm text-stone-600">
                        {formatMeetingDate(m.startsAt, locale)} · {t(`statistics.kinds.${m.kind}`)}
                      </p>
                      <p className="my-2">
                        <span className="font-semibold">{percent(m.rate)}</span>{' '}
                        <span className="text-stone-600">({t('statistics.presentOf', { present: m.present, counted: m.counted })})</span>
                      </p>
                      {badge(m.good)}
                      <ul className="mt-1 mb-3 list-disc pl-5 text-sm text-red-900">
                        {reasons(m).map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                      {exports(m)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
