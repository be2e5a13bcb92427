import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonStyles } from './_components/ui/styles';

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-xl flex-col items-start justify-center gap-4 px-4 py-10">
      <p className="text-5xl font-bold text-brand-700">404</p>
      <h1 className="text-2xl font-bold">{t('notFoundTitle')}</h1>
      <p className="text-stone-700">{t('notFoundBody')}</p>
      <Link href="/" className={buttonStyles.primary}>
        {t('notFoundHome')}
      </Link>
    </main>
  );
}
