import Form from 'next/form';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ConfirmAction } from '@/app/_components/ui/confirm-action';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { organizationsWhere } from '@/lib/resolutions/access';
import { formatNumberSymbol } from '@/lib/resolutions/constants';
import { issuerFor, termsOf } from '@/lib/resolutions/issuers';
import { vietnamToday } from '@/lib/resolutions/lifecycle';
import { SelectField } from '../../../_components/ui/field';
import { PageHeader } from '../../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../../_components/ui/styles';
import { deleteCommitteeTerm } from './actions';
import { IssuerForm } from './_components/issuer-form';
import { TermForm } from './_components/term-form';

export async function generateMetadata() {
  return { title: (await getTranslations('resolutions'))('settings.title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function formatDate(iso: string) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Issuer codes and committee terms of the organisations the viewer configures (admins: all). */
export default async function ResolutionSettingsPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const db = getDb();
  const orgs = await organizationsWhere(db, viewer, 'resolution.configure');
  if (orgs.length === 0) notFound();
  const t = await getTranslations('resolutions');
  const requested = (await searchParams).organizationId;
  const org = orgs.find((o) => o.id === requested) ?? orgs[0]!;
  const [issuer, terms] = await Promise.all([issuerFor(db, org.id), termsOf(db, org.id)]);
  const today = vietnamToday();
  const current = terms.find((term) => term.startsOn <= today && today <= term.endsOn);
  const confirm = { confirmLabel: t('confirm.confirm'), cancelLabel: t('confirm.back'), pendingLabel: t('confirm.working') };

  return (
    <>
      <nav aria-label={t('settings.back')} className="mb-2">
        <Link href="/resolutions" className={buttonStyles.link}>
          ‹ {t('settings.back')}
        </Link>
      </nav>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {orgs.length > 1 && (
        <section className={`${cardStyles} mb-6`} aria-label={t('settings.organization')}>
          <Form action="/resolutions/settings" className="grid items-end gap-4 sm:grid-cols-[1fr_auto]">
            <SelectField label={t('settings.organization')} name="organizationId" defaultValue={org.id} options={orgs.map((o) => ({ value: o.id, label: o.name }))} className="min-w-0" />
            <button type="submit" className={buttonStyles.primary}>
              {t('settings.choose')}
            </button>
          </Form>
        </section>
      )}

      <div className="grid gap-6">
        <section className={cardStyles} aria-labelledby="issuer-heading">
          <h2 id="issuer-heading" className="mb-1 text-xl font-bold">
            {t('settings.issuerHeading')}: {org.name}
          </h2>
          <p className="mb-1 text-stone-700">{t('settings.example', { example: formatNumberSymbol(1, 'NQ', issuer!.code) })}</p>
          {!issuer!.saved && <p className="mb-3 text-sm text-stone-600">{t('settings.notSaved')}</p>}
          <IssuerForm key={`${org.id}-${issuer!.code}`} issuer={issuer!} />
        </section>

        <section className={cardStyles} aria-labelledby="terms-heading">
          <h2 id="terms-heading" className="mb-2 text-xl font-bold">
            {t('settings.termsHeading')}
          </h2>
          {terms.length === 0 ? (
            <p className="mb-3 text-stone-600">{t('settings.noTerms')}</p>
          ) : (
            <>
              {!current && <p className="mb-3 rounded-lg bg-amber-50 px-3 py-2 font-semibold text-amber-900">{t('settings.noCurrent')}</p>}
              <ul className="mb-4 divide-y divide-stone-200" data-testid="terms">
                {terms.map((term) => (
                  <li key={term.id} className="py-3">
                    <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <span className="text-lg font-semibold">{term.name}</span>
                      <span className="text-stone-700">
                        {formatDate(term.startsOn)} – {formatDate(term.endsOn)}
                      </span>
                      {term.id === current?.id && <span className="rounded-full bg-green-100 px-2.5 py-0.5 text-sm font-semibold text-green-900">{t('settings.current')}</span>}
                    </p>
                    <details className="mt-2 rounded-lg border border-stone-200 p-3">
                      <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('settings.editTerm', { name: term.name })}</summary>
                      <div className="mt-3 grid gap-4">
                        <TermForm key={`${term.id}-${term.name}-${term.startsOn}-${term.endsOn}`} organizationId={org.id} term={term} />
                        <ConfirmAction
                          action={deleteCommitteeTerm}
                          fields={{ organizationId: org.id, termId: term.id }}
                          label={t('settings.deleteTerm', { name: term.name })}
                          question={t('settings.deleteQuestion')}
                          variant="danger"
                          {...confirm}
                        />
                      </div>
                    </details>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 className="mb-2 text-lg font-bold">{t('settings.addTerm')}</h3>
          <TermForm organizationId={org.id} />
        </section>
      </div>
    </>
  );
}
