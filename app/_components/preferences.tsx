import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { TEXT_SIZE_COOKIE } from '@/lib/i18n/config';
import { setLocale, setTextSize } from '@/lib/i18n/actions';

/** Language and text-size switches: plain forms, so they work before any script loads. */
export async function Preferences() {
  const t = await getTranslations('common');
  const locale = await getLocale();
  const large = (await cookies()).get(TEXT_SIZE_COOKIE)?.value === 'large';
  const control =
    'inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 font-semibold text-stone-700 hover:bg-stone-100';
  return (
    <div className="flex items-center gap-1">
      <form action={setLocale}>
        <input type="hidden" name="locale" value={locale === 'vi' ? 'en' : 'vi'} />
        <button type="submit" className={control} lang={locale === 'vi' ? 'en' : 'vi'} data-testid="language-switch">
          {t('language.switchTo')}
        </button>
      </form>
      <form action={setTextSize}>
        <input type="hidden" name="size" value={large ? 'normal' : 'large'} />
        <button type="submit" className={control} aria-pressed={large} title={t('textSize.label')}>
          {large ? t('textSize.normal') : t('textSize.large')}
        </button>
      </form>
    </div>
  );
}
