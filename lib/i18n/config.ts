export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'vi';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const TEXT_SIZE_COOKIE = 'quorum.text';

export function isLocale(value: string | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? '');
}

/** The language of a request from its language cookie's value: Vietnamese unless it names another. */
export function localeFrom(stored: string | undefined): Locale {
  return isLocale(stored) ? stored : defaultLocale;
}
