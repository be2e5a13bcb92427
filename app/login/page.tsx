import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { Preferences } from '../_components/preferences';
import { cardStyles } from '../_components/ui/styles';
import { SignInForm } from './_components/sign-in-form';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  if (await getViewer()) redirect('/');
  const t = await getTranslations();
  return (
    <div className="flex min-h-dvh flex-col">
      <div className="flex justify-end p-2">
        <Preferences />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pb-10 sm:items-center">
        <div className={`${cardStyles} w-full max-w-md`}>
          <div className="mb-6 flex items-center gap-3">
            <span aria-hidden="true" className="inline-block size-10 rounded-lg bg-brand-700" />
            <div>
              <p className="text-2xl font-bold text-brand-700">{t('common.appName')}</p>
              <p className="text-sm text-stone-600">{t('common.tagline')}</p>
            </div>
          </div>
          <h1 className="text-xl font-bold">{t('auth.title')}</h1>
          <p className="mb-4 text-stone-600">{t('auth.intro')}</p>
          {reason === 'password-changed' && (
            <p role="status" className="mb-4 rounded-lg bg-green-50 px-3 py-2 font-semibold text-green-800">
              {t('account.password.changed')}
            </p>
          )}
          <SignInForm />
          <p className="mt-6 rounded-lg bg-stone-100 p-3 text-sm text-stone-700">{t('auth.demoHint')}</p>
        </div>
      </main>
    </div>
  );
}
