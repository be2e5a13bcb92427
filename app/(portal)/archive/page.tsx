import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { recordClassification, recordType } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { type SearchParams, searchParamsSchema } from '@/lib/search/params';
import { type SearchItem, searchRecords, searchableOrganizations } from '@/lib/search/query';
import { PageHeader } from '../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../_components/ui/styles';
import { Highlighted } from './_components/highlighted';
import { SearchForm } from './_components/search-form';

export async function generateMetadata() {
  return { title: (await getTranslations('search'))('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Each valid parameter on its own, so one bad filter does not throw away the rest. */
function readParams(raw: Record<string, string | string[] | undefined>): { params: SearchParams; invalid: boolean } {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const whole = searchParamsSchema.safeParse(first);
  if (whole.success) return { params: whole.data, invalid: false };
  const bad = new Set(whole.error.issues.map((issue) => String(issue.path[0])));
  const kept = Object.fromEntries(Object.entries(first).filter(([k]) => !bad.has(k)));
  const retry = searchParamsSchema.safeParse(kept);
  return { params: retry.success ? retry.data : searchParamsSchema.parse({}), invalid: true };
}

function queryString(params: SearchParams, page: number) {
  const entries = Object.entries({ ...params, page }).filter(
    ([k, v]) => v !== undefined && v !== '' && !(k === 'sort' && v === 'relevance') && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20),
  );
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

export default async function ArchivePage({ searchParams }: Props) {
  const viewer = await requirePermission('archive.view');
  const [t, tArchive, tCommon, locale] = await Promise.all([
    getTranslations('search'),
    getTranslations('archive'),
    getTranslations('common'),
    getLocale(),
  ]);
  const { params, invalid } = readParams(await searchParams);
  const db = getDb();
  const [result, organizations] = await Promise.all([searchRecords(db, viewer, params), searchableOrganizations(db, viewer)]);
  const canManage = can(viewer, 'archive.manage');
  const searching = Boolean(params.q?.trim()) || Boolean(params.type || params.organizationId || params.year || params.classification);
  const minDepth = organizations.length ? Math.min(...organizations.map((o) => o.depth)) : 0;
  const dateFormat = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const formatDate = (isoDate: string) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`));

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          canManage && (
            <Link href="/archive/new" className={buttonStyles.primary}>
              {t('addRecord')}
            </Link>
          )
        }
      />

      <SearchForm
        values={params}
        types={recordType.enumValues.map((value) => ({ value, label: tArchive(`types.${value}`) }))}
        organizations={organizations.map((o) => ({ value: o.id, label: o.name, level: o.depth - minDepth }))}
        classifications={recordClassification.enumValues.map((value) => ({ value, label: tArchive(`classifications.${value}`) }))}
        labels={{
          label: t('form.label'),
          queryLabel: t('form.queryLabel'),
          queryHint: t('form.queryHint'),
          submit: t('form.submit'),
          filters: t('form.filters'),
          type: t('form.type'),
          allTypes: t('form.allTypes'),
          organization: t('form.organization'),
          allOrganizations: t('form.allOrganizations'),
          year: t('form.year'),
          yearHint: t('form.yearHint'),
          classification: t('form.classification'),
          allClassifications: t('form.allClassifications'),
          sort: t('form.sort'),
          clear: t('form.clear'),
          sorts: { relevance: t('sorts.relevance'), newest: t('sorts.newest'), oldest: t('sorts.oldest'), number: t('sorts.number') },
        }}
      />

      <section className={cardStyles} aria-labelledby="archive-results-heading">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="archive-results-heading" className="text-xl font-bold">
            {searching ? t('results') : t('latest')}
          </h2>
          {result.total > 0 && (
            <p className="text-stone-700" data-testid="archive-result-count">
              {result.totalIsCapped ? t('countCapped', { total: result.total }) : t('count', { total: result.total })}
            </p>
          )}
        </div>
        {invalid && (
          <p role="alert" className="mb-3 rounded-lg bg-amber-50 px-3 py-2 font-semibold text-amber-900">
            {t('invalid')}
          </p>
        )}

        {result.items.length === 0 ? (
          <div className="rounded-lg bg-stone-50 p-4">
            {searching ? (
              <>
                <p className="text-lg font-semibold">{t('empty.title')}</p>
                <p className="mt-1 text-stone-700">{t('empty.tips')}</p>
              </>
            ) : (
              <p className="text-stone-700">{canManage ? t('empty.noneManage') : t('empty.none')}</p>
            )}
          </div>
        ) : (
          <ol className="divide-y divide-stone-200" data-testid="archive-results">
            {result.items.map((item) => (
              <ResultItem
                key={item.id}
                item={item}
                typeLabel={tArchive(`types.${item.type}`)}
                classificationLabel={item.classification === 'normal' ? null : tArchive(`classifications.${item.classification}`)}
                date={item.issuedOn ? t('issuedOn', { date: formatDate(item.issuedOn) }) : t('noDate')}
                matchLabel={item.matchedBy === 'number' ? t('matchedByNumber') : item.matchedBy === 'similar_title' ? t('matchedBySimilarTitle') : null}
                noNumber={t('noNumber')}
              />
            ))}
          </ol>
        )}

        {result.pageCount > 1 && (
          <nav aria-label={t('pagination')} className="mt-4 flex flex-wrap items-center justify-between gap-2">
            {result.page > 1 ? (
              <Link href={`/archive${queryString(params, result.page - 1)}`} className={buttonStyles.secondary}>
                <span aria-hidden="true">←</span> {tCommon('previous')}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-stone-700">{t('pageOf', { page: result.page, pageCount: result.pageCount })}</span>
            {result.page < result.pageCount ? (
              <Link href={`/archive${queryString(params, result.page + 1)}`} className={buttonStyles.secondary}>
                {tCommon('next')} <span aria-hidden="true">→</span>
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </section>
    </>
  );
}

function ResultItem({
  item,
  typeLabel,
  classificationLabel,
  date,
  matchLabel,
  noNumber,
}: {
  item: SearchItem;
  typeLabel: string;
  classificationLabel: string | null;
  date: string;
  matchLabel: string | null;
  noNumber: string;
}) {
  return (
    <li className="py-4 first:pt-0 last:pb-0" data-testid="archive-result">
      <div className="mb-1 flex flex-wrap items-center gap-2 text-sm">
        <span className="rounded-full bg-brand-50 px-2.5 py-0.5 font-semibold text-brand-800 ring-1 ring-brand-100">{typeLabel}</span>
        <span className="font-mono font-semibold text-stone-800">{item.numberSymbol ?? noNumber}</span>
        {classificationLabel && <span className="rounded-full bg-amber-100 px-2.5 py-0.5 font-semibold text-amber-900">{classificationLabel}</span>}
        {matchLabel && <span className="rounded-full bg-stone-100 px-2.5 py-0.5 text-stone-700">{matchLabel}</span>}
      </div>
      <Link href={`/archive/${item.id}`} className="text-lg font-semibold text-brand-700 underline-offset-4 [overflow-wrap:anywhere] hover:underline">
        <Highlighted segments={item.titleSegments} />
      </Link>
      <p className="mt-1 text-sm text-stone-600">
        {date} · {item.organizationName}
      </p>
      {item.snippet ? (
        <p className="mt-2 text-stone-800 [overflow-wrap:anywhere]" data-testid="archive-snippet">
          <Highlighted segments={item.snippet} />
        </p>
      ) : (
        item.abstract && <p className="mt-2 text-stone-700 [overflow-wrap:anywhere]">{item.abstract}</p>
      )}
    </li>
  );
}
