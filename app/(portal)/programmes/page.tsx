import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SelectField } from '@/app/_components/ui/field';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { listProgrammes, manageableBodies } from '@/lib/meetings/programmes';
import { CreateProgrammeForm } from './_components/create-programme-form';
import { vietnamYear } from '@/lib/meetings/time';

export async function generateMetadata() {
  return { title: (await getTranslations('programmes'))('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Work programmes of the bodies the viewer manages (`programme.manage`: secretary, deputy, office). */
export default async function ProgrammesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission('programme.manage');
  const t = await getTranslations();
  const raw = (await searchParams).year;
  const asked = Number.parseInt(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''), 10);
  const now = vietnamYear(new Date());
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : now;
  const db = getDb();
  const [programmes, bodies] = await Promise.all([listProgrammes(db, viewer, year), manageableBodies(db, viewer)]);
  const years = [...new Set([now - 1, now, now + 1, year])].sort((a, b) => b - a);

  return (
    <>
      <PageHeader title={t('programmes.title')} description={t('programmes.intro')} />
      <form method="get" action="/programmes" className={`${cardStyles} mb-6 flex flex-wrap items-end gap-3`}>
        <SelectField
          label={t('programmes.year')}
          name="year"
          defaultValue={String(year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          className="w-40"
        />
        <button type="submit" className={buttonStyles.primary}>
          {t('programmes.show')}
        </button>
      </form>

      <section aria-labelledby="list-heading" className="mb-6">
        <h2 id="list-heading" className="sr-only">
          {t('programmes.title')}
        </h2>
        {programmes.length === 0 ? (
          <p className={cardStyles}>{t('programmes.none', { year })}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {programmes.map((p) => (
              <li key={p.id} className={cardStyles}>
                <Link href={`/programmes/${p.id}`} className={`${buttonStyles.link} text-lg break-words`}>
                  {p.title}
                </Link>
                <p className="text-stone-600">
                  {p.bodyName} · {p.organizationName}
                </p>
                <p className="text-sm text-stone-600">{t('programmes.itemsCount', { count: p.items, linked: p.linked })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={cardStyles} aria-labelledby="create-heading">
        <h2 id="create-heading" className="mb-3 text-xl font-bold">
          {t('programmes.create.heading')}
        </h2>
        {bodies.length === 0 ? (
          <p className="text-stone-700">{t('programmes.noBodies')}</p>
        ) : (
          <CreateProgrammeForm bodies={bodies.map((b) => ({ value: b.id, label: `${b.name} — ${b.organizationName}` }))} year={year} />
        )}
      </section>
    </>
  );
}
