import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { organizationOptions, userDetail } from '@/lib/users/admin';
import {
  disableUser,
  enableUser,
  grantAdmin,
  resetPassword,
  revokeAdmin,
  resetTwoFactor,
  revokeSessions,
} from '../actions';
import { AddMembershipForm } from '../_components/add-membership-form';
import { ConfirmAction } from '../_components/confirm-action';
import { MembershipList } from '../_components/membership-list';
import { ProfileForm } from '../_components/profile-form';
import { StatusBadges } from '../_components/status-badges';

export async function generateMetadata() {
  return { title: (await getTranslations('adminUsers'))('detail.title') };
}

/** Administrators only: everyone else (and an unknown id) gets "not found". */
export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const viewer = await requirePermission('admin.users.manage');
  const { userId } = await params;
  if (!z.uuid().safeParse(userId).success) notFound();
  const db = getDb();
  const user = await userDetail(db, userId);
  if (!user) notFound();
  const organizations = await organizationOptions(db);

  const t = await getTranslations();
  const format = await getFormatter();
  const when = (date: Date) =>
    format.dateTime(date, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const self = user.id === viewer.id;
  const fields = { userId: user.id };
  const confirm = { cancelLabel: t('common.cancel'), pendingLabel: t('common.saving') };

  return (
    <>
      <Link href="/admin/users" className={`${buttonStyles.link} mb-2 gap-1`}>
        <span aria-hidden="true">←</span> {t('adminUsers.detail.back')}
      </Link>
      <PageHeader title={user.name} description={user.email} />
      <div className="mb-6">
        <StatusBadges user={{ ...user, disabled: Boolean(user.disabledAt) }} />
      </div>
      {self && (
        <p className="mb-6 rounded-xl border border-sky-200 bg-sky-50 p-4 text-sky-950">
          {t('adminUsers.detail.self')}{' '}
          <Link href="/account" className="font-semibold underline underline-offset-4">
            {t('adminUsers.detail.selfLink')}
          </Link>
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <section className={cardStyles} aria-labelledby="account-heading">
          <h2 id="account-heading" className="mb-3 text-xl font-bold">
            {t('adminUsers.detail.account')}
          </h2>
          <dl className="mb-6 grid gap-3 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-stone-600">{t('adminUsers.detail.createdAt')}</dt>
              <dd className="font-semibold">{when(user.createdAt)}</dd>
            </div>
            <div>
              <dt className="text-sm text-stone-600">{t('adminUsers.detail.passwordChangedAt')}</dt>
              <dd className="font-semibold">{when(user.passwordChangedAt)}</dd>
            </div>
            <div>
              <dt className="text-sm text-stone-600">{t('adminUsers.detail.totp')}</dt>
              <dd className="font-semibold">{user.totpEnabled ? t('adminUsers.detail.totpOn') : t('adminUsers.detail.totpOff')}</dd>
            </div>
            <div>
              <dt className="text-sm text-stone-600">{t('adminUsers.detail.status')}</dt>
              <dd className="font-semibold">
                {user.disabledAt
                  ? t('adminUsers.detail.disabledSince', { date: when(user.disabledAt) })
                  : t('adminUsers.status.active')}
              </dd>
            </div>
          </dl>
          <h3 className="mb-3 text-lg font-bold">{t('adminUsers.profile.heading')}</h3>
          <ProfileForm user={{ id: user.id, name: user.name, email: user.email }} />
        </section>

        <section className={cardStyles} aria-labelledby="memberships-heading">
          <h2 id="memberships-heading" className="mb-1 text-xl font-bold">
            {t('adminUsers.memberships.heading')}
          </h2>
          <p className="mb-3 text-stone-600">{t('adminUsers.memberships.help')}</p>
          <MembershipList userId={user.id} memberships={user.memberships} />
          <h3 className="mt-6 mb-3 text-lg font-bold">{t('adminUsers.memberships.addHeading')}</h3>
          <AddMembershipForm userId={user.id} organizations={organizations} />
        </section>

        <section className={`${cardStyles} lg:col-span-2`} aria-labelledby="access-heading">
          <h2 id="access-heading" className="mb-4 text-xl font-bold">
            {t('adminUsers.access.heading')}
          </h2>
          <div className="grid gap-6 md:grid-cols-2">
            <div>
              <h3 className="mb-2 text-lg font-bold">{t('adminUsers.access.sessions.heading')}</h3>
              <dl className="mb-3 grid grid-cols-2 gap-3">
                <div>
                  <dt className="text-sm text-stone-600">{t('adminUsers.access.sessions.active')}</dt>
                  <dd className="text-2xl font-bold" data-testid="active-sessions">
                    {user.sessions.active}
                  </dd>
                </div>
                <div>
                  <dt className="text-sm text-stone-600">{t('adminUsers.access.sessions.lastSeen')}</dt>
                  <dd className="font-semibold">
                    {user.sessions.lastSeenAt ? when(user.sessions.lastSeenAt) : t('adminUsers.access.sessions.never')}
                  </dd>
                </div>
              </dl>
              <ConfirmAction
                action={revokeSessions}
                fields={fields}
                variant="danger"
                label={self ? t('adminUsers.access.sessions.revokeOthers') : t('adminUsers.access.sessions.revoke')}
                question={self ? t('adminUsers.access.sessions.questionSelf') : t('adminUsers.access.sessions.question')}
                confirmLabel={self ? t('adminUsers.access.sessions.revokeOthers') : t('adminUsers.access.sessions.revoke')}
                {...confirm}
              />
            </div>

            {!self && (
              <div>
                <h3 className="mb-2 text-lg font-bold">{t('adminUsers.access.reset.heading')}</h3>
                <ConfirmAction
                  action={resetPassword}
                  fields={fields}
                  variant="danger"
                  description={t('adminUsers.access.reset.help')}
                  label={t('adminUsers.access.reset.button')}
                  question={t('adminUsers.access.reset.question', { name: user.name })}
                  confirmLabel={t('adminUsers.access.reset.confirm')}
                  {...confirm}
                />
              </div>
            )}

            {!self && (
              <div>
                <h3 className="mb-2 text-lg font-bold">{t('adminUsers.access.totp.heading')}</h3>
                {user.totpEnabled ? (
                  <ConfirmAction
                    action={resetTwoFactor}
                    fields={fields}
                    variant="danger"
                    description={t('adminUsers.access.totp.help')}
                    label={t('adminUsers.access.totp.button')}
                    question={t('adminUsers.access.totp.question', { name: user.name })}
                    confirmLabel={t('adminUsers.access.totp.button')}
                    {...confirm}
                  />
                ) : (
                  <p className="text-stone-600">{t('adminUsers.access.totp.off')}</p>
                )}
              </div>
            )}

            {!self && (
              <div>
                <h3 className="mb-2 text-lg font-bold">{t('adminUsers.access.status.heading')}</h3>
                {user.disabledAt ? (
                  <ConfirmAction
                    action={enableUser}
                    fields={fields}
                    variant="primary"
                    description={t('adminUsers.access.enable.help')}
                    label={t('adminUsers.access.enable.button')}
                    {...confirm}
                  />
                ) : (
                  <ConfirmAction
                    action={disableUser}
                    fields={fields}
                    variant="danger"
                    description={t('adminUsers.access.disable.help')}
                    label={t('adminUsers.access.disable.button')}
                    question={t('adminUsers.access.disable.question', { name: user.name })}
                    confirmLabel={t('adminUsers.access.disable.confirm')}
                    {...confirm}
                  />
                )}
              </div>
            )}

            {!self && (
              <div>
                <h3 className="mb-2 text-lg font-bold">{t('adminUsers.access.admin.heading')}</h3>
                {user.isAdmin ? (
                  <ConfirmAction
                    action={revokeAdmin}
                    fields={fields}
                    variant="danger"
                    description={t('adminUsers.access.admin.helpRevoke')}
                    label={t('adminUsers.access.admin.revoke')}
                    question={t('adminUsers.access.admin.revokeQuestion', { name: user.name })}
                    confirmLabel={t('adminUsers.access.admin.revoke')}
                    {...confirm}
                  />
                ) : (
                  <ConfirmAction
                    action={grantAdmin}
                    fields={fields}
                    variant="secondary"
                    description={t('adminUsers.access.admin.helpGrant')}
                    label={t('adminUsers.access.admin.grant')}
                    question={t('adminUsers.access.admin.grantQuestion', { name: user.name })}
                    confirmLabel={t('adminUsers.access.admin.grant')}
                    {...confirm}
                  />
                )}
              </div>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
