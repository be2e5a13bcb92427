import Form from 'next/form';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { organizationsWhere } from '@/lib/resolutions/access';
import { RESOLUTION_STATUSES, RESOLUTION_TYPES } from '@/lib/resolutions/constants';
import { listResolutions, termsForFilter } from '@/lib/resolutions/queries';
import { listFiltersSchema } from '@/lib/resolutions/schemas';
import { SelectField } from '../../_components/ui/field';
import { PageHeader } from '../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../_components/ui/styles';
import { NumberSymbol, ResolutionStatusBadge } from './_components/badges';

export async function generateMetadata() {
  return { title: (await getTranslations('resolutions'))('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE = 50;

function formatDate(iso: string) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The documents the viewer may see (lib/resolutions/access.ts), numbers first, with filters. */
export default async function ResolutionsPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  if (!can(viewer, 'resolution.view')) notFound();
  const t = await getTranslations('resolutions');
  const raw = await searchParams;
  const pick = (key: string) => (typeof raw[key] === 'string' && raw[key] ? raw[key] : undefined);
  const filters = listFiltersSchema.parse({
    organizationId: pick('organizationId'),
    type: pick('type'),
    termId: pick('termId'),
    status: pick('status'),
    limit: pick('limit') ?? PAGE,
  });
  const db = getDb();
  const [{ items, total }, orgs] = await Promise.all([listResolutions(db, viewer, filters), organizationsWhere(db, viewer, 'resolution.view')]);
  const terms = await termsForFilter(db, filters.organizationId ? [filters.organizationId] : orgs.map((o) => o.id));
  const filtered = Boolean(filters.organizationId || filters.type || filters.termId || filters.status);
  const more = new URLSearchParams(Object.entries({ ...filters, limit: String((filters.limit ?? PAGE) + PAGE) }).filter((e): e is [string, string] => Boolean(e[1])));

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            {can(viewer, 'resolution.draft') && (
              <Link href="/resolutions/new" className={buttonStyles.primary}>
                {t('list.newDraft')}
              </Link>
            )}
            {can(viewer, 'resolution.configure') && (
              <Link href="/resolutions/settings" className={buttonStyles.secondary}>
                {t('list.settings')}
              </Link>
            )}
          </>
        }
      />
      <section className={`${cardStyles} mb-6`} aria-labelledby="resolution-filters-heading">
        <h2 id="resolution-filters-heading" className="sr-only">
          {t('list.filters')}
        </h2>
        <Form action="/resolutions" className="grid items-end gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]">
          <SelectField
            label={t('list.organization')}
            name="organizationId"
            defaultValue={filters.organizationId ?? ''}
            options={[{ value: '', label: t('list.allOrganizations') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
            className="min-w-0"
          />
          <SelectField
            label={t('list.type')}
            name="type"
            defaultValue={filters.type ?? ''}
            options={[{ value: '', label: t('list.allTypes') }, ...RESOLUTION_TYPES.map((type) => ({ value: type, label: `${type} — ${t(`types.${type}`)}` }))]}
            className="min-w-0"
          />
          <SelectField
            label={t('list.term')}
            name="termId"
            defaultValue={filters.termId ?? ''}
            options={[
              { value: '', label: t('list.allTerms') },
              ...terms.map((term) => ({ value: term.id, label: filters.organizationId ? term.name : `${term.name} — ${term.organizationName}` })),
            ]}
            className="min-w-0"
          />
          <SelectField
            label={t('list.status')}
            name="status"
            defaultValue={filters.status ?? ''}
            options={[{ value: '', label: t('list.allStatuses') }, ...RESOLUTION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
            className="min-w-0"
          />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonStyles.primary}>
              {t('list.apply')}
            </button>
            {filtered && (
              <Link href="/resolutions" className={buttonStyles.secondary}>
                {t('list.reset')}
              </Link>
            )}
          </div>
        </Form>
      </section>

      <section className={cardStyles} aria-labelledby="resolutions-heading">
        <h2 id="resolutions-heading" className="mb-3 text-xl font-bold">
          {t('list.count', { count: total })}
        </h2>
        {items.length === 0 ? (
          <p className="text-stone-600">{t('list.empty')}</p>
        ) : (
          <ul className="divide-y divide-stone-200" data-testid="resolutions-list">
            {items.map((r) => (
              <li key={r.id} className="grid gap-1 py-3 sm:grid-cols-[11rem_1fr_auto] sm:items-start sm:gap-4">
                <NumberSymbol value={r.numberSymbol} empty={t('list.noNumber')} />
                <div className="min-w-0">
                  <Link href={`/resolutions/${r.id}`} className={`${buttonStyles.link} text-lg [overflow-wrap:anywhere]`}>
                    {t(`types.${r.type}`)}: {r.title}
                  </Link>
                  <p className="text-sm text-stone-600 [overflow-wrap:anywhere]">
                    {[r.organizationName, r.termName, r.congress ? t('list.congress') : null, r.issuedOn ? t('list.issuedOn', { date: formatDate(r.issuedOn) }) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </div>
                <ResolutionStatusBadge status={r.status} label={t(`status.${r.status}`)} />
              </li>
            ))}
          </ul>
        )}
        {items.length < total && (
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <p className="text-stone-600">{t('list.showing', { shown: items.length, total })}</p>
            <Link href={`/resolutions?${more.toString()}`} className={buttonStyles.secondary}>
              {t('list.more')}
            </Link>
          </div>
        )}
      </section>
    </>
  );
}
