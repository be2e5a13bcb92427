import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { MESSAGE_AREAS } from '@/lib/i18n/messages';

/**
 * Sends only the named message areas to client components below it. Server components translate
 * on the server, so most areas never need to travel to the browser.
 */
export async function ClientMessages({ areas, children }: { areas: (typeof MESSAGE_AREAS)[number][]; children: React.ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries(areas.map((area) => [area, messages[area]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
