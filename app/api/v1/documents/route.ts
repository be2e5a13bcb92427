import { searchParamsSchema } from '@/lib/search/params';
import { searchRecords } from '@/lib/search/query';
import { defineRoute } from '@/lib/server/route';

/**
 * Search of the archive (`q`, `type`, `organizationId`, `year`, `classification`, `sort`, `page`,
 * `pageSize`): only records the caller may see, one page, snippets as `{ text, hit }` segments
 * (never markup, never the full text). `total` stops at 1,000 (`totalIsCapped`).
 */
export const GET = defineRoute({
  name: 'api.documents.search',
  permission: 'archive.view',
  schema: searchParamsSchema,
  async handler({ viewer, input, db }) {
    const result = await searchRecords(db, viewer, input);
    return {
      documents: result.items,
      total: result.total,
      totalIsCapped: result.totalIsCapped,
      page: result.page,
      pageSize: result.pageSize,
      pageCount: result.pageCount,
    };
  },
});
