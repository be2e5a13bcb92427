import type { Locale } from './config';

/**
 * Messages live in one JSON file per area and language (lib/i18n/messages/<locale>/<area>.json),
 * so features can add their own without touching a shared file. Each area is a namespace.
 */
const AREAS = ['common', 'errors', 'validation', 'auth', 'home', 'account', 'organizations', 'audit', 'adminUsers', 'adminOrganizations', 'adminSecurity', 'meetings', 'agenda', 'room', 'minutes', 'programmes', 'statistics', 'notifications', 'votes', 'resolutions', 'archive', 'search', 'uploads', 'ingest'] as const;

export async function loadMessages(locale: Locale) {
  const entries = await Promise.all(
    AREAS.map(async (area) => [area, (await import(`./messages/${locale}/${area}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}

export const MESSAGE_AREAS = AREAS;
