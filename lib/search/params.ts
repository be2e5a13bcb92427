import { z } from 'zod';
import { recordClassification, recordType } from '@/db/schema/archive';

export const SEARCH_SORTS = ['relevance', 'newest', 'oldest', 'number'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const PAGE_SIZES = [10, 20, 50] as const;

/** An empty form field means "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/**
 * The search input, shared by the archive page (query string) and `GET /api/v1/documents`.
 * Strings from a query string are coerced; `q` is cut, not refused, when too long.
 */
export const searchParamsSchema = z.object({
  q: z
    .string()
    .transform((v) => v.slice(0, 200))
    .optional(),
  type: optional(z.enum(recordType.enumValues)),
  organizationId: optional(z.uuid()),
  year: optional(z.coerce.number().int().min(1930).max(2100)),
  classification: optional(z.enum(recordClassification.enumValues)),
  sort: optional(z.enum(SEARCH_SORTS)).transform((v) => v ?? 'relevance'),
  page: optional(z.coerce.number().int().min(1).max(1000)).transform((v) => v ?? 1),
  pageSize: optional(z.coerce.number().int().min(1).max(50)).transform((v) => v ?? 20),
});

export type SearchParams = z.output<typeof searchParamsSchema>;
