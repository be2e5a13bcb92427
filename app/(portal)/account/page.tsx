import { getTranslations } from 'next-intl/server';
import { isTotpRequired } from '@/lib/auth/totp-policy';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { PageHeader } from '../../_components/ui/page-header';
import { cardStyles } from '../../_components/ui/styles';
import { ChangePasswordForm } from './_components/change-password-form';
import { TotpSettings } from './_components/totp-settings';

export async function generateMetadata() {
  return { title: (await getTranslations('account'))('title') };
}

export default async function AccountPage() {
  const viewer = await requireViewer({ allowPending: true });
  const t = await getTranslations();
  const required = await isTotpRequired(getDb(), viewer);
  const roles = [
    ...viewer.memberships.map((m) => `${t(`common.roles.${m.role}`)} — ${m.organizationName}`),
    ...(viewer.isAdmin ? [t('common.roles.admin')] : []),
  ];

  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.intro')} />
      {(viewer.mustChangePassword || viewer.mustEnrolTotp) && (
        <p role="alert" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 font-semibold text-amber-900">
          {viewer.mustChangePassword ? t('account.mustChangePassword') : t('account.mustEnrolTotp')}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <section className={cardStyles} aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="mb-3 text-xl font-bold">
            {t('account.profile')}
          </h2>
          <dl className="space-y-3">
            <div>
              <dt className="text-sm text-stone-600">{t('account.name')}</dt>
              <dd className="font-semibold">{viewer.name}</dd>
            </div>
            <div>
              <dt className="text-sm text-stone-600">{t('account.email')}</dt>
              <dd className="font-semibold break-all">{viewer.email}</dd>
            </div>
            <div>
              <dt className="text-sm text-stone-600">{t('account.roles')}</dt>
              <dd>
                <ul className="list-disc pl-5">
                  {roles.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </dd>
            </div>
          </dl>
        </section>
        <section className={cardStyles} aria-labelledby="totp-heading">
          <h2 id="totp-heading" className="mb-3 text-xl font-bold">
            {t('account.totp.title')}
          </h2>
          <TotpSettings enabled={viewer.totpEnabled} required={required} />
        </section>
        <section className={`${cardStyles} lg:col-span-2`} aria-labelledby="password-heading">
          <h2 id="password-heading" className="mb-1 text-xl font-bold">
            {t('account.password.title')}
          </h2>
          <p className="mb-4 text-stone-600">{t('account.password.help')}</p>
          <ChangePasswordForm />
        </section>
      </div>
    </>
  );
}
