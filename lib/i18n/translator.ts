import 'server-only';
import { createTranslator } from 'use-intl/core';
import { readCookie } from '@/lib/auth/cookies';
import { LOCALE_COOKIE, type Locale, localeFrom } from './config';
import { loadMessages } from './messages';

type Messages = Awaited<ReturnType<typeof loadMessages>>;
const loaded = new Map<Locale, Promise<Messages>>();

/**
 * A translator for a request read without Next's request scope (the JSON API, also when it is
 * served by the fast path in lib/server/fast-path.ts): the same messages and formats as
 * `getTranslations()`, keys from the root of the messages.
 */
export async function translatorFor(cookieHeader: string | null | undefined) {
  const locale = localeFrom(readCookie(cookieHeader, LOCALE_COOKIE));
  let messages = loaded.get(locale);
  if (!messages) loaded.set(locale, (messages = loadMessages(locale)));
  const t = createTranslator({ locale, messages: await messages, timeZone: 'Asia/Ho_Chi_Minh' });
  return (key: string, values?: Record<string, string | number>) => (t as (k: string, v?: Record<string, string | number>) => string)(key, values);
}
