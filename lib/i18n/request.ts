import { getRequestConfig } from 'next-intl/server';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, defaultLocale, isLocale } from './config';
import { loadMessages } from './messages';

// Vietnamese by default; the language switch stores the choice in a cookie (no locale in URLs).
export default getRequestConfig(async () => {
  const stored = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(stored) ? stored : defaultLocale;
  return { locale, messages: await loadMessages(locale), timeZone: 'Asia/Ho_Chi_Minh' };
});
