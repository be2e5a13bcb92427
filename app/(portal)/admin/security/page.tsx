import { getFormatter, getTranslations } from 'next-intl/server';
import { totpPolicyOverview } from '@/lib/auth/totp-policy-admin';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { PageHeader } from '../../../_components/ui/page-header';
import { cardStyles } from '../../../_components/ui/styles';
import { TotpToggle } from './_components/totp-toggle';

export async function generateMetadata() {
  return { title: (await getTranslations('adminSecurity'))('title') };
}

export default async function AdminSecurityPage() {
  await requirePermission('admin.security.manage');
  const t = await getTranslations();
  const format = await getFormatter();
  const rows = await totpPolicyOverview(getDb());

  return (
    <>
      <PageHeader title={t('adminSecurity.title')} description={t('adminSecurity.intro')} />
      <section className={cardStyles} aria-labelledby="totp-heading">
        <h2 id="totp-heading" className="text-xl font-bold">
          {t('adminSecurity.totp.title')}
        </h2>
        <p className="mt-1 mb-4 max-w-3xl text-stone-600">{t('adminSecurity.totp.help')}</p>
        <ul className="divide-y divide-stone-200" data-testid="totp-policy">
          {rows.map((row) => {
            const role = t(`common.roles.${row.role}`);
            return (
              <li key={row.role} className="flex flex-col gap-3 py-4 md:flex-row md:items-start md:justify-between">
                <div className="min-w-0">
                  <h3 className="text-lg font-semibold wrap-break-word">{role}</h3>
                  <p className={row.required ? 'font-semibold text-green-800' : 'text-stone-600'}>
                    {row.required && row.requiredAt
                      ? t('adminSecurity.totp.requiredSince', { date: format.dateTime(row.requiredAt, { dateStyle: 'short' }) })
                      : t('adminSecurity.totp.notRequired')}
                  </p>
                  <p className="text-stone-700">
                    {t('adminSecurity.totp.holders', { count: row.holders })}
                    {row.holders > 0 && (
                      <>
                        {' · '}
                        <span className={row.notEnrolled > 0 ? 'font-semibold text-amber-800' : undefined}>
                          {row.notEnrolled > 0
                            ? t('adminSecurity.totp.notEnrolled', { count: row.notEnrolled })
                            : t('adminSecurity.totp.allEnrolled')}
                        </span>
                      </>
                    )}
                  </p>
                  {!row.required && row.notEnrolled > 0 && (
                    <p className="mt-1 text-sm text-stone-600">{t('adminSecurity.totp.warnPending', { count: row.notEnrolled })}</p>
                  )}
                  {!row.required && row.role === 'admin' && (
                    <p className="mt-1 text-sm text-stone-600">{t('adminSecurity.totp.adminNote')}</p>
                  )}
                </div>
                <TotpToggle role={row.role} roleLabel={role} required={row.required} />
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
