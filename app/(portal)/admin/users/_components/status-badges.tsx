import { getTranslations } from 'next-intl/server';

const badge = 'inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-semibold';

/** Account state at a glance: active or disabled, administrator, second factor, pending password. */
export async function StatusBadges({
  user,
}: {
  user: { disabled: boolean; isAdmin: boolean; totpEnabled: boolean; mustChangePassword: boolean };
}) {
  const t = await getTranslations();
  return (
    <ul className="flex flex-wrap gap-1.5">
      <li className={`${badge} ${user.disabled ? 'bg-red-100 text-red-900' : 'bg-green-100 text-green-900'}`}>
        {user.disabled ? t('adminUsers.status.disabled') : t('adminUsers.status.active')}
      </li>
      {user.isAdmin && <li className={`${badge} bg-brand-100 text-brand-800`}>{t('common.roles.admin')}</li>}
      {user.totpEnabled && <li className={`${badge} bg-sky-100 text-sky-900`}>{t('adminUsers.status.totp')}</li>}
      {user.mustChangePassword && (
        <li className={`${badge} bg-amber-100 text-amber-900`}>{t('adminUsers.status.mustChangePassword')}</li>
      )}
    </ul>
  );
}
