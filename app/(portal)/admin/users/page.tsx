import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Field, SelectField } from '@/app/_components/ui/field';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import {
  USER_STATUS_FILTERS,
  type UserListRow,
  type UserStatusFilter,
  listUsers,
  normalizeSearch,
} from '@/lib/users/admin';
import { CreateUserForm } from './_components/create-user-form';
import { StatusBadges } from './_components/status-badges';

export async function generateMetadata() {
  return { title: (await getTranslations('adminUsers'))('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}

function hrefFor(params: { q: string; status: UserStatusFilter; page: number }) {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.status !== 'all') search.set('status', params.status);
  if (params.page > 1) search.set('page', String(params.page));
  const query = search.toString();
  return query ? `/admin/users?${query}` : '/admin/users';
}

/** Administrators only: everyone else gets "not found". */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('admin.users.manage');
  const t = await getTranslations();
  const params = await searchParams;
  const q = normalizeSearch(one(params.q));
  const rawStatus = one(params.status);
  const status: UserStatusFilter = USER_STATUS_FILTERS.find((s) => s === rawStatus) ?? 'all';
  const page = Math.min(Math.max(1, Number.parseInt(one(params.page) ?? '1', 10) || 1), 100_000);

  const list = await listUsers(getDb(), { q, status, page });
  const from = (list.page - 1) * list.pageSize + 1;
  const to = from + list.rows.length - 1;
  const filtered = Boolean(q) || status !== 'all';

  const rolesOf = (user: UserListRow) =>
    user.memberships.length === 0 ? (
      <span className="text-stone-500">{t('adminUsers.list.noRoles')}</span>
    ) : (
      <ul className="space-y-1">
        {user.memberships.map((m) => (
          <li key={`${m.organizationId}:${m.role}`}>
            {t('adminUsers.roleAt', { role: t(`common.roles.${m.role}`), organization: m.organizationName })}
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <PageHeader title={t('adminUsers.title')} description={t('adminUsers.intro')} />

      <details className="mb-6">
        <summary className={`${buttonStyles.primary} cursor-pointer list-none`}>{t('adminUsers.create.open')}</summary>
        <section className={`${cardStyles} mt-3`} aria-labelledby="create-heading">
          <h2 id="create-heading" className="mb-3 text-xl font-bold">
            {t('adminUsers.create.heading')}
          </h2>
          <CreateUserForm />
        </section>
      </details>

      <section className={`${cardStyles} mb-6`} aria-labelledby="search-heading">
        <h2 id="search-heading" className="sr-only">
          {t('common.search')}
        </h2>
        <form action="/admin/users" method="get" role="search" className="grid gap-4 md:grid-cols-[1fr_14rem_auto] md:items-start">
          <Field
            label={t('adminUsers.search.label')}
            name="q"
            type="search"
            defaultValue={q}
            hint={t('adminUsers.search.hint')}
            maxLength={100}
            autoComplete="off"
          />
          <SelectField
            label={t('adminUsers.search.status')}
            name="status"
            defaultValue={status}
            options={USER_STATUS_FILTERS.map((s) => ({ value: s, label: t(`adminUsers.search.statuses.${s}`) }))}
          />
          <div className="flex flex-wrap gap-2 md:pt-7">
            <button type="submit" className={buttonStyles.primary}>
              {t('common.search')}
            </button>
            {filtered && (
              <Link href="/admin/users" className={buttonStyles.secondary}>
                {t('common.clearFilters')}
              </Link>
            )}
          </div>
        </form>
      </section>

      <section aria-labelledby="list-heading">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="list-heading" className="text-xl font-bold">
            {t('adminUsers.list.heading')}
          </h2>
          {list.rows.length > 0 && (
            <p className="text-stone-600" role="status">
              {t('adminUsers.list.summary', { from, to, total: list.total })}
            </p>
          )}
        </div>

        {list.rows.length === 0 ? (
          <div className={cardStyles}>
            <p className="text-stone-700">{list.total > 0 ? t('adminUsers.list.emptyPage') : t('adminUsers.list.empty')}</p>
            {list.total > 0 && (
              <Link href={hrefFor({ q, status, page: 1 })} className={buttonStyles.link}>
                {t('adminUsers.list.firstPage')}
              </Link>
            )}
          </div>
        ) : (
          <>
            {/* Tablet and desktop: a table. */}
            <div className="hidden overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm md:block">
              <table className="w-full text-left">
                <thead className="bg-stone-100 text-sm text-stone-700">
                  <tr>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t('adminUsers.list.user')}
                    </th>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t('adminUsers.list.roles')}
                    </th>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t('adminUsers.list.status')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-200">
                  {list.rows.map((user) => (
                    <tr key={user.id} className="align-top">
                      <td className="px-4 py-2">
                        <Link href={`/admin/users/${user.id}`} className={buttonStyles.link}>
                          {user.name}
                        </Link>
                        <p className="text-sm break-all text-stone-600">{user.email}</p>
                      </td>
                      <td className="px-4 py-3">{rolesOf(user)}</td>
                      <td className="px-4 py-3">
                        <StatusBadges user={user} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            {/* Phone: one card per person. */}
            <ul className="space-y-3 md:hidden">
              {list.rows.map((user) => (
                <li key={user.id} className={cardStyles}>
                  <Link href={`/admin/users/${user.id}`} className={`${buttonStyles.link} text-lg`}>
                    {user.name}
                  </Link>
                  <p className="mb-2 text-sm break-all text-stone-600">{user.email}</p>
                  <div className="mb-2">{rolesOf(user)}</div>
                  <StatusBadges user={user} />
                </li>
              ))}
            </ul>
          </>
        )}

        {list.pageCount > 1 && (
          <nav aria-label={t('adminUsers.list.pagination')} className="mt-4 flex flex-wrap items-center justify-between gap-3">
            {list.page > 1 ? (
              <Link href={hrefFor({ q, status, page: list.page - 1 })} className={buttonStyles.secondary} rel="prev">
                <span aria-hidden="true">←</span> {t('common.previous')}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-stone-700">{t('adminUsers.list.pageOf', { page: list.page, pageCount: list.pageCount })}</span>
            {list.page < list.pageCount ? (
              <Link href={hrefFor({ q, status, page: list.page + 1 })} className={buttonStyles.secondary} rel="next">
                {t('common.next')} <span aria-hidden="true">→</span>
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
