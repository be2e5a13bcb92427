import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { seatsOfUser } from '@/lib/organizations/queries';
import { systemOverview } from '@/lib/users/overview';
import { PageHeader } from '../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../_components/ui/styles';

export async function generateMetadata() {
  return { title: (await getTranslations('home'))('title') };
}

export default async function HomePage() {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const db = getDb();
  const [seats, overview] = await Promise.all([
    seatsOfUser(db, viewer.id),
    viewer.isAdmin ? systemOverview(db) : Promise.resolve(undefined),
  ]);
  const orgs = [...new Map(viewer.memberships.map((m) => [m.organizationId, m])).values()];

  return (
    <>
      <PageHeader title={t('home.greeting', { name: viewer.name })} />

      {!viewer.totpEnabled && (viewer.isAdmin || viewer.memberships.some((m) => m.role !== 'member')) && (
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4">
          <p className="text-amber-900">{t('home.totpOff')}</p>
          <Link href="/account" className={buttonStyles.secondary}>
            {t('home.enableTotp')}
          </Link>
        </div>
      )}

      {overview && (
        <section className={`${cardStyles} mb-6`} aria-labelledby="admin-heading">
          <h2 id="admin-heading" className="text-xl font-bold">
            {t('home.adminTitle')}
          </h2>
          <p className="mt-1 text-stone-600">{t('home.adminIntro')}</p>
          <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-4">
            {(['users', 'activeUsers', 'organizations', 'bodies'] as const).map((key) => (
              <div key={key} className="rounded-lg bg-stone-100 p-3">
                <dt className="text-sm text-stone-600">{t(`home.stats.${key}`)}</dt>
                <dd className="text-2xl font-bold" data-testid={`stat-${key}`}>
                  {overview[key]}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-4 flex flex-wrap gap-2">
            <Link href="/admin/users" className={buttonStyles.primary}>
              {t('home.manageUsers')}
            </Link>
            <Link href="/admin/organizations" className={buttonStyles.secondary}>
              {t('home.manageOrganizations')}
            </Link>
            <Link href="/audit" className={buttonStyles.secondary}>
              {t('home.viewAudit')}
            </Link>
          </div>
        </section>
      )}

      {!viewer.isAdmin || orgs.length > 0 ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className={cardStyles} aria-labelledby="roles-heading">
            <h2 id="roles-heading" className="mb-3 text-xl font-bold">
              {t('home.yourRoles')}
            </h2>
            {orgs.length === 0 ? (
              <p className="text-stone-600">{t('home.noRoles')}</p>
            ) : (
              <ul className="divide-y divide-stone-200">
                {orgs.map((org) => (
                  <li key={org.organizationId} className="flex flex-wrap items-center justify-between gap-2 py-3">
                    <div>
                      <p className="font-semibold">{org.organizationName}</p>
                      <p className="text-stone-600">
                        {viewer.memberships
                          .filter((m) => m.organizationId === org.organizationId)
                          .map((m) => t(`common.roles.${m.role}`))
                          .join(', ')}
                      </p>
                    </div>
                    {can(viewer, 'organization.view', { organizationPath: org.organizationPath }) && (
                      <Link href={`/organizations/${org.organizationId}`} className={buttonStyles.link}>
                        {t('home.openOrganization')}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className={cardStyles} aria-labelledby="bodies-heading">
            <h2 id="bodies-heading" className="mb-3 text-xl font-bold">
              {t('home.yourBodies')}
            </h2>
            {seats.length === 0 ? (
              <p className="text-stone-600">{t('home.noBodies')}</p>
            ) : (
              <ul className="divide-y divide-stone-200">
                {seats.map((seat) => (
                  <li key={`${seat.organizationId}-${seat.bodyKind}`} className="py-3">
                    <p className="font-semibold">{seat.bodyName}</p>
                    <p className="text-stone-600">
                      {t('home.seatOn', { title: seat.title ?? '', status: t(`common.seatStatus.${seat.status}`) })}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}
