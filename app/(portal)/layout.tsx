import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { can } from '@/lib/auth/permissions';
import { getViewer } from '@/lib/auth/viewer';
import { Preferences } from '../_components/preferences';
import { type NavItem, NavLinks } from './_components/nav-links';
import { SignOutButton } from './_components/sign-out-button';

/** The signed-in shell. Each page checks its own permission; this only builds the navigation. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');
  const t = await getTranslations('common');

  const pending = viewer.mustEnrolTotp || viewer.mustChangePassword;
  const items: NavItem[] = pending
    ? [{ href: '/account', label: t('nav.account') }]
    : [
        { href: '/', label: t('nav.home') },
        ...(can(viewer, 'meeting.participate') ? [{ href: '/meetings', label: t('nav.meetings') }] : []),
        ...(can(viewer, 'programme.manage') ? [{ href: '/programmes', label: t('nav.programmes') }] : []),
        ...(can(viewer, 'meeting.participate') ? [{ href: '/votes', label: t('nav.votes') }] : []),
        ...(can(viewer, 'resolution.view') ? [{ href: '/resolutions', label: t('nav.resolutions') }] : []),
        ...(can(viewer, 'archive.view') ? [{ href: '/archive', label: t('nav.archive') }] : []),
        ...(can(viewer, 'meeting.statistics.view') ? [{ href: '/statistics/attendance', label: t('nav.statistics') }] : []),
        ...(can(viewer, 'organization.view') ? [{ href: '/organizations', label: t('nav.organizations') }] : []),
        ...(can(viewer, 'audit.view') ? [{ href: '/audit', label: t('nav.audit') }] : []),
        ...(viewer.isAdmin ? [{ href: '/admin/users', match: '/admin', label: t('nav.admin') }] : []),
        { href: '/notifications', label: t('nav.notifications') },
        { href: '/account', label: t('nav.account') },
      ];

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-3">
        {t('skipToContent')}
      </a>
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-2">
          <Link href="/" className="mr-2 flex min-h-11 items-center gap-2 text-xl font-bold text-brand-700">
            <span aria-hidden="true" className="inline-block size-7 rounded-md bg-brand-700" />
            {t('appName')}
          </Link>
          <nav aria-label={t('nav.mainNavigation')} className="order-last w-full md:order-none md:w-auto md:flex-1">
            <details className="group md:hidden">
              <summary className="flex min-h-11 cursor-pointer list-none items-center rounded-lg px-3 font-semibold text-stone-700 hover:bg-stone-100">
                ☰ {t('nav.menu')}
              </summary>
              <div className="pb-2">
                <NavLinks items={items} />
              </div>
            </details>
            <div className="hidden md:block">
              <NavLinks items={items} />
            </div>
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <Preferences />
            <SignOutButton label={t('nav.signOut')} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
