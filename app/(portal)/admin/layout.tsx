import { getTranslations } from 'next-intl/server';
import { NavLinks } from '../_components/nav-links';

/** The administration area's own tabs; each page still checks the permission itself. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('common.nav');
  return (
    <>
      <nav aria-label={t('admin')} className="mb-6 border-b border-stone-200 pb-2">
        <NavLinks
          direction="row"
          items={[
            { href: '/admin/users', label: t('adminUsers') },
            { href: '/admin/organizations', label: t('adminOrganizations') },
            { href: '/admin/security', label: t('adminSecurity') },
            // Issuer codes and committee terms: admins keep them for every organisation.
            { href: '/resolutions/settings', label: t('documentNumbering') },
          ]}
        />
      </nav>
      {children}
    </>
  );
}
