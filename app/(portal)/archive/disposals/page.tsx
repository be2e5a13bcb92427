import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { listDisposals, pastRetention } from '@/lib/archive/disposition';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { DecideForm } from './_components/decide-form';
import { ProposeForm } from './_components/propose-form';

export async function generateMetadata() {
  return { title: (await getTranslations('archive'))('disposals.title') };
}

/**
 * Disposition: what is past retention (not on hold, not already proposed) in the organisations the
 * viewer manages, proposals, and the decision on them (archive.dispose, not by the proposer).
 */
export default async function DisposalsPage() {
  const viewer = await requirePermission('archive.manage');
  const t = await getTranslations('archive');
  const format = await getFormatter();
  const db = getDb();
  const [due, lists] = await Promise.all([pastRetention(db, viewer), listDisposals(db, viewer)]);
  const date = (value: string | Date) =>
    typeof value === 'string'
      ? format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })
      : format.dateTime(value, { dateStyle: 'long', timeZone: 'Asia/Ho_Chi_Minh' });
  const byOrganization = [...new Map(due.map((r) => [r.organizationId, r.organizationName])).entries()];

  return (
    <ClientMessages areas={['common', 'validation', 'archive']}>
      <PageHeader title={t('disposals.title')} description={t('disposals.description')} />
      <div className="grid gap-6">
        <section className={cardStyles} aria-labelledby="due-heading">
          <h2 id="due-heading" className="mb-3 text-xl font-bold">
            {t('disposals.pastRetention')}
          </h2>
          {due.length === 0 ? (
            <p className="text-stone-600">{t('disposals.noneDue')}</p>
          ) : (
            <div className="grid gap-6">
              {byOrganization.map(([organizationId, organizationName]) => (
                <ProposeForm
                  key={organizationId}
                  organizationId={organizationId}
                  organizationName={organizationName}
                  items={due
                    .filter((r) => r.organizationId === organizationId)
                    .map((r) => ({
                      id: r.id,
                      label: [r.numberSymbol, r.title].filter(Boolean).join(' — '),
                      detail: `${t(`types.${r.type}`)} · ${t('retention.years', { years: r.retentionYears! })} · ${t('disposals.retentionEnded', { date: date(r.retentionEndsOn) })}`,
                    }))}
                />
              ))}
            </div>
          )}
        </section>

        <section className={cardStyles} aria-labelledby="lists-heading">
          <h2 id="lists-heading" className="mb-3 text-xl font-bold">
            {t('disposals.lists')}
          </h2>
          {lists.length === 0 ? (
            <p className="text-stone-600">{t('disposals.noLists')}</p>
          ) : (
            <ul className="grid gap-4">
              {lists.map((list) => (
                <li key={list.id} className="rounded-lg border border-stone-200 p-4" data-testid="disposal">
                  <h3 className="text-lg font-bold">{t('disposals.listTitle', { organization: list.organizationName, date: date(list.proposedAt) })}</h3>
                  <p className="font-semibold">{t(`disposals.status.${list.status}`)}</p>
                  <p className="text-stone-700">{t('disposals.proposedBy', { name: list.proposedByName ?? '—' })}</p>
                  <p className="text-stone-700">{list.reason}</p>
                  {list.decidedAt && (
                    <p className="text-stone-700">
                      {t('disposals.decidedBy', { status: t(`disposals.status.${list.status}`), name: list.decidedByName ?? '—', date: date(list.decidedAt) })}
                      {list.decisionNote ? ` — ${list.decisionNote}` : ''}
                    </p>
                  )}
                  <ul className="my-3 grid gap-1">
                    {list.records.map((r) => (
                      <li key={r.id}>
                        <Link href={`/archive/${r.id}`} className={buttonStyles.link}>
                          {[r.numberSymbol, r.title].filter(Boolean).join(' — ')}
                        </Link>
                        {r.legalHold && <span className="ml-2 font-semibold text-amber-800">({t('disposals.onHold')})</span>}
                      </li>
                    ))}
                  </ul>
                  {list.canDecide && <DecideForm disposalId={list.id} />}
                  {list.status === 'proposed' && list.ownProposal && <p className="text-stone-600">{t('disposals.ownProposal')}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}
