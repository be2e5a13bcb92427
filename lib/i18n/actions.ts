'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { LOCALE_COOKIE, TEXT_SIZE_COOKIE, locales } from './config';

// Display preferences: open to everyone (the sign-in page has them too), stored in cookies only.
const YEAR = 60 * 60 * 24 * 365;
const localeSchema = z.object({ locale: z.enum(locales) });
const textSizeSchema = z.object({ size: z.enum(['normal', 'large']) });

export async function setLocale(formData: FormData) {
  const parsed = localeSchema.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: '/', maxAge: YEAR, sameSite: 'lax' });
}

export async function setTextSize(formData: FormData) {
  const parsed = textSizeSchema.safeParse({ size: formData.get('size') });
  if (!parsed.success) return;
  (await cookies()).set(TEXT_SIZE_COOKIE, parsed.data.size, { path: '/', maxAge: YEAR, sameSite: 'lax' });
}
