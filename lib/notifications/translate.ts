import 'server-only';
import { createTranslator } from 'use-intl/core'; // no React: also runs in the CLI (seed)
import { defaultLocale } from '@/lib/i18n/config';
import { loadMessages } from '@/lib/i18n/messages';

let cached: Promise<(key: string, values?: Record<string, string | number>) => string> | undefined;

/**
 * Notifications and e-mails are written in Vietnamese, the portal's default language, whatever
 * language the person who caused them is using (the recipient's choice is not stored).
 */
export function notificationTranslator() {
  cached ??= loadMessages(defaultLocale).then((messages) => {
    const t = createTranslator({ locale: defaultLocale, messages, namespace: 'notifications' });
    return (key: string, values?: Record<string, string | number>) => (t as (k: string, v?: unknown) => string)(key, values);
  });
  return cached;
}
