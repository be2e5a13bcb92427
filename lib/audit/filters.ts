import { z } from 'zod';

/** Filters of the audit log, as read from the page's query string (a GET form, so URLs can be shared). */
export type AuditFilters = {
  /** Action name prefix, e.g. `auth` or `account.totp`. */
  action?: string;
  /** Part of the actor's name, matched without regard to case or Vietnamese diacritics. */
  actor?: string;
  organizationId?: string;
  /** First and last day (YYYY-MM-DD), inclusive, in Vietnam time (Asia/Ho_Chi_Minh). */
  from?: string;
  to?: string;
  /** Keyset cursors: rows older than `before`, or newer than `after` (ids). */
  before?: number;
  after?: number;
};

/** Query-string names of the filters. */
export const AUDIT_PARAMS = ['action', 'actor', 'org', 'from', 'to', 'before', 'after'] as const;
export type AuditParam = (typeof AUDIT_PARAMS)[number];

const text = z.string().trim().min(1).max(100);
const day = z.iso.date();
const cursor = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const fields = {
  action: text,
  actor: text,
  org: z.guid(),
  from: day,
  to: day,
  before: cursor,
  after: cursor,
} satisfies Record<AuditParam, z.ZodType>;

/**
 * Reads the filters one by one: an empty field is no filter, an invalid one is dropped and named
 * in `invalid` (so a mistyped date shows a message instead of an error page).
 */
export function parseAuditFilters(searchParams: Record<string, string | string[] | undefined>): {
  filters: AuditFilters;
  invalid: AuditParam[];
} {
  const filters: AuditFilters = {};
  const invalid: AuditParam[] = [];
  for (const name of AUDIT_PARAMS) {
    const raw = searchParams[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === '') continue;
    const parsed = fields[name].safeParse(value);
    if (!parsed.success) {
      invalid.push(name);
      continue;
    }
    switch (name) {
      case 'action':
      case 'actor':
      case 'from':
      case 'to':
        filters[name] = parsed.data as string;
        break;
      case 'org':
        filters.organizationId = parsed.data as string;
        break;
      case 'before':
      case 'after':
        filters[name] = parsed.data as number;
        break;
    }
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    delete filters.to;
    invalid.push('to');
  }
  if (filters.before !== undefined && filters.after !== undefined) delete filters.after;
  return { filters, invalid };
}

/** The query string for these filters (cursors replaced by `page`), for links that keep them. */
export function auditQueryString(filters: AuditFilters, page: { before?: number; after?: number } = {}) {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.organizationId) params.set('org', filters.organizationId);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (page.before !== undefined) params.set('before', String(page.before));
  if (page.after !== undefined) params.set('after', String(page.after));
  const query = params.toString();
  return query ? `?${query}` : '';
}
