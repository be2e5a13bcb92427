import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { z } from 'zod';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { isCountedSeat, organizationDetail } from '@/lib/organizations/queries';
import { PageHeader } from '../../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../../_components/ui/styles';
import { KindBadge, SeatStatusBadge } from '../_components/badges';

type Props = { params: Promise<{ organizationId: string }> };

const paramsSchema = z.object({ organizationId: z.guid() });

/** The page's data, once per request (metadata and page share it); undefined answers 404. */
const load = cache(async (organizationId: string) => {
  const viewer = await requireViewer();
  const parsed = paramsSchema.safeParse({ organizationId });
  if (!parsed.success) return undefined;
  return organizationDetail(getDb(), viewer, parsed.data.organizationId);
});

export async function generateMetadata({ params }: Props) {
  const detail = await load((await params).organizationId);
  return { title: detail?.organization.name ?? (await getTranslations('organizations'))('title') };
}

export default async function OrganizationPage({ params }: Props) {
  const detail = await load((await params).organizationId);
  if (!detail) notFound();
  const t = await getTranslations();
  const { organization, ancestors, children, bodies, roster } = detail;
  const kindLabel = t(`common.organizationKinds.${organization.kind}`);

  return (
    <>
      <nav aria-label={t('organizations.breadcrumb')} className="mb-2">
        <ol className="flex flex-wrap items-center gap-x-2 text-stone-600">
          {[{ id: null, name: t('organizations.title') }, ...ancestors].map((crumb) => (
            <li key={crumb.id ?? 'all'} className="flex min-w-0 items-center gap-x-2">
              <Link
                href={crumb.id ? `/organizations/${crumb.id}` : '/organizations'}
                className={`${buttonStyles.link} [overflow-wrap:anywhere]`}
              >
                {crumb.name}
              </Link>
              <span aria-hidden="true">›</span>
            </li>
          ))}
          <li className="flex min-h-11 min-w-0 items-center">
            <span aria-current="page" className="font-semibold text-stone-800 [overflow-wrap:anywhere]">
              {organization.name}
            </span>
          </li>
        </ol>
      </nav>

      <PageHeader
        title={organization.name}
        description={t('organizations.codeAndTerm', { code: organization.code, term: organization.currentTerm })}
        actions={<KindBadge kind={organization.kind} label={kindLabel} />}
      />

      <div className="grid gap-6">
        <section className={cardStyles} aria-labelledby="bodies-heading">
          <h2 id="bodies-heading" className="mb-3 text-xl font-bold">
            {t('organizations.bodies.title')}
          </h2>
          {bodies.length === 0 ? (
            <p className="text-stone-600">{t('organizations.bodies.empty')}</p>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              {bodies.map((body) => (
                <article
                  key={body.id}
                  aria-labelledby={`body-${body.id}`}
                  className="min-w-0 rounded-lg border border-stone-200 p-4"
                  data-testid="body"
                >
                  <h3 id={`body-${body.id}`} className="text-lg font-bold [overflow-wrap:anywhere]">
                    {body.name}
                  </h3>
                  <p className="text-sm text-stone-600">
                    {t(`common.bodyKinds.${body.kind}`)} · {t('organizations.bodies.seatCount', { count: body.seats.length })}
                  </p>
                  <div className="mt-3 space-y-1 rounded-lg bg-stone-100 p-3">
                    <p className="font-semibold" data-testid="counted">
                      {t('organizations.bodies.counted', { counted: body.counted, total: body.seats.length })}
                    </p>
                    <p className="text-sm text-stone-700">{t('organizations.bodies.countedHelp')}</p>
                    <p className="text-sm text-stone-700" data-testid="quorum">
                      {body.counted > 0
                        ? t('organizations.bodies.quorum', {
                            numerator: body.quorumNumerator,
                            denominator: body.quorumDenominator,
                            minimum: body.quorumMinimum,
                          })
                        : t('organizations.bodies.quorumNoCounted', {
                            numerator: body.quorumNumerator,
                            denominator: body.quorumDenominator,
                          })}
                    </p>
                  </div>
                  {body.seats.length === 0 ? (
                    <p className="mt-3 text-stone-600">{t('organizations.bodies.noSeats')}</p>
                  ) : (
                    <ul
                      className="mt-3 divide-y divide-stone-200"
                      aria-label={t('organizations.bodies.seatsLabel', { name: body.name })}
                    >
                      {body.seats.map((seat) => (
                        <li key={seat.userId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                          <span className="min-w-0 font-semibold [overflow-wrap:anywhere]">{seat.name}</span>
                          {seat.title && <span className="text-stone-600">{seat.title}</span>}
                          {seat.status && (
                            <SeatStatusBadge status={seat.status} label={t(`common.seatStatus.${seat.status}`)} />
                          )}
                          {seat.status && !isCountedSeat(seat.status) && (
                            <span className="text-sm text-stone-600">({t('organizations.bodies.notCounted')})</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </article>
              ))}
            </div>
          )}
        </section>

        <div className="grid gap-6 lg:grid-cols-2">
          <section className={cardStyles} aria-labelledby="children-heading">
            <h2 id="children-heading" className="mb-3 text-xl font-bold">
              {t('organizations.children.title')}
            </h2>
            {children.length === 0 ? (
              <p className="text-stone-600">{t('organizations.children.empty')}</p>
            ) : (
              <ul className="divide-y divide-stone-200">
                {children.map((child) => (
                  <li key={child.id} className="flex flex-col gap-1 py-2">
                    <KindBadge kind={child.kind} label={t(`common.organizationKinds.${child.kind}`)} />
                    <Link href={`/organizations/${child.id}`} className={`${buttonStyles.link} [overflow-wrap:anywhere]`}>
                      {child.name}
                    </Link>
                    <span className="text-sm text-stone-600">
                      {t('organizations.codeAndTerm', { code: child.code, term: child.currentTerm })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {roster && (
            <section className={cardStyles} aria-labelledby="roster-heading" data-testid="roster">
              <h2 id="roster-heading" className="text-xl font-bold">
                {t('organizations.roster.title')}
              </h2>
              <p className="mb-3 text-stone-600">{t('organizations.roster.intro')}</p>
              {roster.length === 0 ? (
                <p className="text-stone-600">{t('organizations.roster.empty')}</p>
              ) : (
                <ul className="divide-y divide-stone-200">
                  {roster.map((person) => (
                    <li key={person.userId} className="py-2">
                      <p className="font-semibold [overflow-wrap:anywhere]">{person.name}</p>
                      <p className="text-stone-600">{person.roles.map((role) => t(`common.roles.${role}`)).join(', ')}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </div>
      </div>
    </>
  );
}
