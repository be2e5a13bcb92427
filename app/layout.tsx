import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { TEXT_SIZE_COOKIE } from '@/lib/i18n/config';
import { ClientMessages } from './_components/client-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` }, description: t('tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#a51616' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const large = (await cookies()).get(TEXT_SIZE_COOKIE)?.value === 'large';
  return (
    <html lang={locale} className={large ? 'text-large' : undefined}>
      <body className="min-h-dvh">
        <ClientMessages areas={['common', 'auth']}>{children}</ClientMessages>
      </body>
    </html>
  );
}
