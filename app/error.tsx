'use client';

import { useTranslations } from 'next-intl';
import { buttonStyles } from './_components/ui/styles';

/** Production errors show a generic message; the details are only in the server log. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('common');
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-xl flex-col items-start justify-center gap-4 px-4 py-10">
      <h1 className="text-2xl font-bold">{t('errorTitle')}</h1>
      <p className="text-stone-700">{t('errorBody')}</p>
      <button type="button" onClick={reset} className={buttonStyles.primary}>
        {t('tryAgain')}
      </button>
    </main>
  );
}
