import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { archiveRecords } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { numberKeyOf } from './text';

export { numberKeyOf } from './text';

/**
 * Body text fed into the vector. A tsvector holds at most 1 MB and positions stop at 16,383, so
 * beyond roughly the first 60 pages more text only costs space; snippets still read the full text.
 */
export const BODY_INDEX_CHARS = 200_000;

/**
 * The weighted vector of a record, folded without diacritics ('simple' configuration over
 * `public.f_unaccent`): A title and number, B abstract, issuer, signer and recipients, C the text
 * extracted from the current version. The same SQL is used by the search benchmark.
 */
export const searchVectorExpression = (table: string, bodyText: string) =>
  `setweight(to_tsvector('simple', public.f_unaccent(concat_ws(' ', ${table}.number_symbol, ${table}.title))), 'A')
    || setweight(to_tsvector('simple', public.f_unaccent(concat_ws(' ', ${table}.abstract, ${table}.issuer_name, ${table}.signer, ${table}.recipients))), 'B')
    || setweight(to_tsvector('simple', public.f_unaccent(left(coalesce(${bodyText}, ''), ${BODY_INDEX_CHARS}))), 'C')`;

/**
 * Recomputes the search vector and number key of one record. Call it after every change of a
 * record's metadata or current version, and after text extraction, in the same transaction.
 * A destroyed record keeps its number key (the tombstone) but nothing searchable.
 */
export async function reindexRecord(db: Db, recordId: string): Promise<void> {
  const [record] = await db
    .select({ numberSymbol: archiveRecords.numberSymbol })
    .from(archiveRecords)
    .where(eq(archiveRecords.id, recordId));
  if (!record) return;
  await db.execute(sql`
    update archive_records r
    set number_key = ${numberKeyOf(record.numberSymbol)},
        search = case when r.status = 'destroyed' then ''::tsvector else ${sql.raw(searchVectorExpression('r', 'v.extracted_text'))} end
    from archive_records self
    left join archive_versions v on v.id = self.current_version_id
    where self.id = ${recordId} and r.id = self.id`);
}
