import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type ArchiveRecord, organizations } from '@/db/schema';
import { visibleOrganizations, visibleRecordsIn } from '@/lib/archive/access';
import type { Principal } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import type { SearchParams } from './params';
import { type ParsedQuery, type Segment, accentInsensitivePattern, isEmptyQuery, markMatches, parseQuery } from './text';

/**
 * At most this many matches are ranked or counted. Beyond it `total` is reported as SEARCH_CAP
 * with `totalIsCapped`, and relevance ranks the records whose title, number or abstract match
 * first, then a bounded sample of body matches: a word found in tens of thousands of records is
 * not worth reading every one of their vectors for (the date sorts are always exact).
 */
export const SEARCH_CAP = 1000;
/** When full text and number find nothing, titles similar to the query (typos) are looked for. */
const FEW_MATCHES = 1;
/** How many close title words stand in for a word no title contains. */
const CLOSE_WORDS = 8;
/**
 * How many candidates get a ts_rank (which reads each one's whole vector, and costs more the more
 * often the query's words occur in it): the first ones in tier order (number, title or abstract,
 * body), newest first within a tier. The rest follow by date. Five pages of 20.
 */
export const RANKED = 100;
/**
 * Words or phrases that PostgreSQL's statistics (ANALYZE of the vector and of the word-pair index)
 * put in many records are looked for by walking the newest records, at most WALK_ROWS of them,
 * before reading their index entries: a word in most records has a posting list of most records,
 * read in full before the first row is, while the newest few thousand records already hold the
 * matches still needed. Taken when the statistics expect the walk to read at most WALK_CHECKS
 * vectors for them (matches needed / share of records matching) and the share is at least
 * WALK_MIN_SHARE. The index is still read when the walk falls short (a viewer who sees few
 * records, words that seldom occur together).
 */
const WALK_MIN_SHARE = 0.3;
const WALK_CHECKS = 1500;
const WALK_ROWS = 5000;
const ABSTRACT_CHARS = 300;
/** Snippet window around the first match, in characters, and how far into the body to look. */
const SNIPPET_BEFORE = 120;
const SNIPPET_LENGTH = 360;
/** Text is expected in NFC (the ingest normalises it); the first match is looked for this far in. */
const SNIPPET_SCAN_CHARS = 100_000;
/** …after looking in this many first characters alone (where the first match usually is). */
const SNIPPET_EARLY_CHARS = 1000;

export type SearchItem = {
  id: string;
  type: RecordType;
  numberSymbol: string | null;
  title: string;
  /** The title with the query's words marked. */
  titleSegments: Segment[];
  /** Cut to ABSTRACT_CHARS. */
  abstract: string | null;
  issuerName: string | null;
  issuedOn: string | null;
  organizationId: string;
  organizationName: string;
  classification: RecordClassification;
  /** How the record matched: its number, its text, or a title similar to the query. */
  matchedBy: 'number' | 'text' | 'similar_title' | null;
  /** A short piece of the body (or abstract) in its original spelling, matches marked. */
  snippet: Segment[] | null;
};

type RecordType = ArchiveRecord['type'];
type RecordClassification = ArchiveRecord['classification'];

export type SearchResult = {
  items: SearchItem[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
};

export type SearchInput = Pick<SearchParams, 'q' | 'type' | 'organizationId' | 'year' | 'classification'> &
  Partial<Pick<SearchParams, 'sort' | 'page' | 'pageSize'>>;

type Row = {
  id: string;
  type: RecordType;
  number_symbol: string | null;
  title: string;
  abstract: string | null;
  issuer_name: string | null;
  issued_on: string | null;
  organization_id: string;
  organization_name: string;
  classification: RecordClassification;
  number_match: number;
  text_match: boolean;
  total?: number;
  /** The snippet window (`snippetSql`): null without a match in the body. */
  snippet_text?: string | null;
  snippet_starts?: boolean | null;
  snippet_ends?: boolean | null;
};

const rows = async <T>(db: Db, query: SQL) => (await db.execute(query)).rows as T[];

/** The full-text query: words outside quotes all required, each quoted phrase in order. */
function tsquery(query: ParsedQuery): SQL | null {
  const parts: SQL[] = [];
  if (query.plainText) parts.push(sql`plainto_tsquery('simple', public.f_unaccent(${query.plainText}::text))`);
  for (const phrase of query.phraseTexts) parts.push(sql`phraseto_tsquery('simple', public.f_unaccent(${phrase}::text))`);
  return parts.length ? sql`(${sql.join(parts, sql` && `)})` : null;
}

/**
 * The same words all required, phrases ignored: what the word indexes can answer without reading
 * positions. Only when the query has phrases does it differ from `tsquery`.
 */
function allWordsTsquery(query: ParsedQuery): SQL | null {
  const text = [query.plainText, ...query.phraseTexts].join(' ').trim();
  return text ? sql`plainto_tsquery('simple', public.f_unaccent(${text}::text))` : null;
}

/**
 * The adjacent word pairs every phrase of the query needs (migration 0015: `word_pairs` index),
 * or null when no phrase has two words.
 */
function phrasePairs(query: ParsedQuery): SQL | null {
  const long = query.phraseTexts.filter((p) => /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(p));
  return long.length ? sql`(${sql.join(long.map((p) => sql`public.phrase_pairs(${p}::text)`), sql` && `)})` : null;
}

/**
 * A query with phrases: the pair index finds the records holding every adjacent pair of the
 * phrases (few, even when each word is common; nothing read from the vectors), or, for one-word
 * phrases, the word index those holding all the words. Only those the viewer may see and the
 * filters keep have their vector read to confirm the phrases. Written as CASE so that the planner
 * can neither turn the phrase into the index condition (which re-checks every candidate, visible
 * or not) nor check it before the cheap conditions.
 */
const phraseMatch = (candidates: SQL, ts: SQL, where: SQL) =>
  sql`(${candidates} and case when ${where} then archive_records.search @@ ${ts} else false end)`;

type NumberMatch = { any: SQL; score: (table?: string) => SQL };

/** Number matches: 3 exact, 2 at the start of a number ("09-NQ" in "09-NQ/HU"), 1 inside a symbol ("NQ/HU"). */
function numberMatch(key: string | null): NumberMatch | null {
  if (!key) return null;
  const conditions = (table: string) => {
    const column = sql.raw(`${table}.number_key`);
    const prefix = sql`(${column} like ${`${escapeLike(key)}%`} and substr(${column}, ${key.length + 1}::int, 1) in ('-', '/', '.', ''))`;
    // Inside a symbol only for keys that start with a letter, where the number itself was left out.
    const inside = /^[a-z]/.test(key) ? sql`${column} like ${`%${escapeLike(key)}%`}` : sql`false`;
    return { exact: sql`${column} = ${key}`, prefix, inside };
  };
  const own = conditions('archive_records');
  return {
    any: sql`(${own.exact} or ${own.prefix} or ${own.inside})`,
    score: (table = 'archive_records') => {
      const c = conditions(table);
      return sql`(case when ${c.exact} then 3 when ${c.prefix} then 2 when ${c.inside} then 1 else 0 end)`;
    },
  };
}

/** Number, title and abstract (a stored generated column, migration 0016, with its own indexes). */
const HEAD_VECTOR = sql.raw('archive_records.search_head');

/**
 * Every statement below starts with this CTE (`withVisible`): the organisations whose records the
 * viewer may see, listed once per statement; `filters` refers to it.
 */
const VISIBLE = 'visible_orgs';
const withVisible = (viewer: Principal) => sql`${sql.raw(VISIBLE)} as materialized (${visibleOrganizations(viewer)})`;

function filters(input: SearchInput): SQL {
  const parts: SQL[] = [visibleRecordsIn(VISIBLE), sql`archive_records.status = 'active'`];
  if (input.type) parts.push(sql`archive_records.type = ${input.type}`);
  if (input.organizationId) parts.push(sql`archive_records.organization_id = ${input.organizationId}`);
  if (input.classification) parts.push(sql`archive_records.classification = ${input.classification}`);
  if (input.year) {
    parts.push(sql`archive_records.issued_on >= ${`${input.year}-01-01`}::date and archive_records.issued_on < ${`${input.year + 1}-01-01`}::date`);
  }
  return sql.join(parts, sql` and `);
}

const COLUMNS = sql.raw(`archive_records.id, archive_records.type, archive_records.number_symbol, archive_records.title,
  left(archive_records.abstract, ${ABSTRACT_CHARS + 1}) as abstract, archive_records.issuer_name, archive_records.issued_on::text as issued_on,
  archive_records.organization_id, organizations.name as organization_name, archive_records.classification`);

/**
 * Records the viewer may see matching the query and filters, one page of them, with snippets.
 * The permission filter is part of every statement, before ranking, counting and paging.
 */
export async function searchRecords(db: Db, viewer: Principal, input: SearchInput): Promise<SearchResult> {
  return db.transaction(async (tx) => {
    await tx.execute(SEARCH_SETTINGS);
    return search(tx, viewer, input);
  });
}

/**
 * Planner settings for the search statements only (SET LOCAL: they end with the transaction; when
 * the caller passes a transaction of its own, they last until it ends, so search last in it).
 * - enable_seqscan off: a sequential scan evaluates `search @@ q` on every row it reads, and each
 *   evaluation decompresses that record's whole (TOASTed) vector, a cost the planner does not
 *   see; the GIN bitmap scans answer plain word queries without opening any vector.
 * - random_page_cost 1.1: the tables and indexes are read from memory or SSD, not spinning disks.
 * - jit off: compiling a plan costs tens of milliseconds, more than these statements take.
 * - no parallel workers: the statements stop after a page or the count cap, and workers would
 *   each start by reading a share of the table.
 */
const SEARCH_SETTINGS = sql.raw(`select set_config('enable_seqscan', 'off', true), set_config('random_page_cost', '1.1', true),
  set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);

async function search(db: Db, viewer: Principal, input: SearchInput): Promise<SearchResult> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const query = parseQuery(input.q ?? '');
  const where = filters(input);
  const visible = withVisible(viewer);
  const snippet = snippetSql(query);
  const offset = (page - 1) * pageSize;

  let found: Row[];
  let total: number;
  if (isEmptyQuery(query)) {
    const sort = input.sort === 'relevance' || !input.sort ? 'newest' : input.sort;
    [found, total] = await sortedPage(db, { visible, snippet, where, number: null, textMatch: sql`false`, similar: null, sort, pageSize, offset, browse: true });
  } else {
    const ts = tsquery(query);
    const number = numberMatch(query.numberKey);
    const allWords = query.phraseTexts.length ? allWordsTsquery(query) : ts;
    const textMatch = !ts ? sql`false` : allWords === ts ? sql`(archive_records.search @@ ${ts})` : phraseMatch(sql`archive_records.search @@ ${allWords}`, ts, where);
    const pairs = query.phraseTexts.length ? phrasePairs(query) : null;
    // The words outside quotes of a query with phrases narrow the phrase candidates in the word
    // index too, before any vector is read.
    const plain = pairs && query.plainText ? sql`plainto_tsquery('simple', public.f_unaccent(${query.plainText}::text))` : null;
    const filtered = Boolean(input.type || input.organizationId || input.classification || input.year);
    const share = ts && !filtered ? estimatedShare(query) : null;
    const typosAllowed = query.folded.replace(/\s/g, '').length >= 4;
    let similar: SQL | null = null;
    const sort = input.sort ?? 'relevance';
    const run = () =>
      sort === 'relevance'
        ? relevancePage(db, { visible, snippet, where, ts, allWords, pairs, plain, share, number, textMatch, similar, pageSize, offset, oneYear: Boolean(input.year) })
        : sortedPage(db, { visible, snippet, where, number, textMatch, similar, sort, pageSize, offset });
    [found, total] = await run();
    if (total < FEW_MATCHES && typosAllowed) {
      similar = await correctedTitleQuery(db, query.folded);
      if (similar) [found, total] = await run();
    }
  }

  const snippets = new Map<string, Segment[]>();
  for (const row of found) {
    if (row.snippet_text) snippets.set(row.id, trimWindow(row.snippet_text, Boolean(row.snippet_starts), Boolean(row.snippet_ends), query));
  }
  const totalIsCapped = total > SEARCH_CAP;
  const shownTotal = Math.min(total, SEARCH_CAP);
  return {
    items: found.map((row) => toItem(row, query, snippets.get(row.id) ?? null)),
    total: shownTotal,
    totalIsCapped,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(shownTotal / pageSize)),
  };
}

/** Counts matches, stopping one past the cap. */
async function countUpTo(db: Db, visible: SQL, where: SQL) {
  const [row] = await rows<{ n: number }>(
    db,
    sql`with ${visible} select count(*)::int as n from (select 1 from archive_records where ${where} limit ${SEARCH_CAP + 1}) matches`,
  );
  return row!.n;
}

type PageQuery = {
  /** The CTE of `withVisible`, which `where` refers to. */
  visible: SQL;
  /** Columns and joins that add the snippet window to each row of the page (`snippetSql`). */
  snippet: { columns: SQL; joins: SQL } | null;
  where: SQL;
  number: NumberMatch | null;
  textMatch: SQL;
  /** The query with its typos corrected (`correctedTitleQuery`) when similar titles should be included. */
  similar: SQL | null;
  pageSize: number;
  offset: number;
};

const similarTitle = (similar: SQL | null) => (similar ? sql`${HEAD_VECTOR} @@ ${similar}` : sql`false`);

/**
 * The query with each word that no title contains replaced by the title words closest to it
 * (trigram similarity, migration 0015 `archive_title_words`), any of them allowed: "nghi quyet
 * dai hoj" → nghi & quyet & dai & (hoi | hoa | …). Null when no word has a close one. The other
 * words stay required, which keeps the guesses precise.
 */
async function correctedTitleQuery(db: Db, folded: string): Promise<SQL | null> {
  const [row] = await rows<{ q: string | null }>(
    db,
    sql`with words as (
        select lexeme as word from unnest(to_tsvector('simple', public.f_unaccent(${folded}::text)))),
      known as (
        select word, exists (select 1 from archive_title_words t where t.word = words.word) as known from words),
      options as (
        select known, case when known then array[word]
          else array(select t.word from archive_title_words t where t.word % known.word
            order by similarity(t.word, known.word) desc, t.word limit ${CLOSE_WORDS}) end as close
        from known)
      select string_agg('(' || array_to_string(array(select quote_literal(c) from unnest(close) c), ' | ') || ')', ' & ') as q
      from options where cardinality(close) > 0 having bool_or(not known)`,
  );
  return row?.q ? sql`${row.q}::tsquery` : null;
}

/**
 * Relevance: candidates are the number matches, the records whose title, number or abstract
 * match (their own index), the body matches, and similar titles when few match; at most
 * SEARCH_CAP + 1 of each. Only those are ranked (number first, then ts_rank over the weighted vector).
 */
async function relevancePage(
  db: Db,
  q: PageQuery & { ts: SQL | null; allWords: SQL | null; pairs: SQL | null; plain: SQL | null; share: SQL | null; oneYear: boolean },
): Promise<[Row[], number]> {
  // Tiers order the candidates before ranking: number, title/abstract, body, similar title.
  const select = (condition: SQL, textMatch: boolean, tier: number, limit = SEARCH_CAP + 1) =>
    sql`select id, issued_on, number_key, ${sql.raw(String(textMatch))} as text_match, ${sql.raw(String(tier))} as tier
        from archive_records where ${q.where} and ${condition} limit ${limit}`;
  const branches: SQL[] = [];
  if (q.number) branches.push(sql`(${select(q.number.any, false, 3)})`);
  if (q.ts) {
    branches.push(sql`(select * from head)`);
    // Every title/abstract match is a body match too: when the head alone passes the cap, the body
    // is not searched at all (a one-time filter), which spares reading a common word's whole
    // posting list a second time. Otherwise the body branch finds every match up to the cap.
    // Phrases of two words or more: the body candidates come from the pair index (only there).
    // A year filter: the records of that year (the date index) are few enough to go through, and
    // only those the viewer may see and the other filters keep have their vector read (CASE keeps
    // the planner from testing the vector first, which it takes for cheap). Otherwise the planner
    // tends to walk the year's records testing every vector, or reads the word index in full.
    const bodyMatch = q.pairs
      ? phraseMatch(sql`public.word_pairs(archive_records.search) @@ ${q.pairs}${q.plain ? sql` and archive_records.search @@ ${q.plain}` : sql``}`, q.ts, q.where)
      : q.oneYear
        ? sql`case when ${q.where} then archive_records.search @@ ${q.ts} else false end`
        : q.textMatch;
    // The head, the walk and the body branch are disjoint, and each looks only for as many more
    // matches as the count still lacks: a phrase with 900 titles needs 101 from the body, not 1,001.
    // The body keeps a constant limit inside (the planner chooses its plan for it), the outer one
    // only stops it early.
    if (q.share) branches.push(sql`(select * from walk)`);
    const seen = q.share ? sql`((select count(*) from head) + (select count(*) from walk))` : sql`(select count(*) from head)`;
    const notSeen = q.share
      ? sql`archive_records.id not in (select id from head) and archive_records.id not in (select id from walk)`
      : sql`archive_records.id not in (select id from head)`;
    branches.push(
      sql`(select * from (${select(sql`${seen} <= ${SEARCH_CAP} and ${notSeen} and ${bodyMatch}`, true, 1)}) body limit (select ${SEARCH_CAP + 1} - ${seen}))`,
    );
  }
  if (q.similar) branches.push(sql`(${select(similarTitle(q.similar), false, 0)})`);
  // With phrases, the head's pair index finds the titles/abstracts holding the phrases, confirmed
  // on the stored head vector (short, in the row, unlike the full vector); one-word phrases: the
  // head index finds those holding all the words and the stored vector confirms the phrase
  // (anywhere: the tier only orders candidates).
  const headMatch =
    q.allWords === q.ts
      ? sql`${HEAD_VECTOR} @@ ${q.ts}`
      : q.pairs
        ? sql`public.word_pairs(${HEAD_VECTOR}) @@ ${q.pairs} and ${HEAD_VECTOR} @@ ${q.ts}`
        : sql`${HEAD_VECTOR} @@ ${q.allWords} and ${q.textMatch}`;
  // The walk (WALK_*): the newest records; only those the viewer may see have their vector read.
  const walk =
    q.ts && q.share
      ? sql`share as (${q.share}),
    walk as materialized (
      select id, issued_on, number_key, true as text_match, 1 as tier from (
        select archive_records.id, archive_records.issued_on, archive_records.number_key, archive_records.search, ${q.where} as ok
        from archive_records
        where (select count(*) from head) <= ${SEARCH_CAP} and (select share from share) >= ${WALK_MIN_SHARE}
          and ${SEARCH_CAP + 1} - (select count(*) from head) <= (select share from share) * ${WALK_CHECKS}
        order by archive_records.issued_on desc nulls last, archive_records.created_at desc
        limit ${WALK_ROWS}) newest
      where case when newest.ok and newest.id not in (select id from head) then newest.search @@ ${q.ts} else false end
      limit (select ${SEARCH_CAP + 1} - count(*) from head)),`
      : sql``;
  const hitsCte = sql`${q.visible}, ${q.ts ? sql`head as materialized (${select(headMatch, true, 2)}),` : sql``} ${walk}
    hits as (${sql.join(branches, sql` union all `)})`;
  const similarity = q.similar ? sql`ts_rank(${HEAD_VECTOR}, ${q.similar})` : sql`0`;
  const rank = q.ts ? sql`ts_rank(archive_records.search, ${q.ts})` : sql`0`;
  const pageCte = sql`${hitsCte},
    candidates as (
      select id, bool_or(text_match) as text_match, max(tier) as tier, max(issued_on) as issued_on, max(number_key) as number_key
      from hits group by id),
    numbered as (
      select candidates.*, ${q.number?.score('candidates') ?? sql`0`} as number_match, count(*) over ()::int as total,
        row_number() over (order by tier desc, issued_on desc nulls last, id) as position
      from candidates),
    ranked as (
      select numbered.id, ${rank} + ${similarity} * 0.001 as rank from numbered
      join archive_records on archive_records.id = numbered.id
      where numbered.position <= ${RANKED}),
    page as materialized (
      select numbered.*, coalesce(ranked.rank, 0) as rank from numbered
      left join ranked on ranked.id = numbered.id
      order by number_match desc, rank desc, issued_on desc nulls last, id
      limit ${q.pageSize} offset ${q.offset})`;
  const found = await rows<Row>(
    db,
    sql`with ${pageCte}
      select ${COLUMNS}, page.number_match, page.text_match, page.total ${q.snippet?.columns ?? sql``} from page
      join archive_records on archive_records.id = page.id
      join organizations on organizations.id = archive_records.organization_id
      ${q.snippet?.joins ?? sql``}
      order by page.number_match desc, page.rank desc, page.issued_on desc nulls last, page.id`,
  );
  // Past the last page the window count is missing: count the candidates on their own.
  if (found.length || q.offset === 0) return [found, found[0]?.total ?? 0];
  const [row] = await rows<{ n: number }>(db, sql`with ${hitsCte} select count(distinct hits.id)::int as n from hits`);
  return [found, row!.n];
}

/**
 * The share of all records expected to match, from the statistics ANALYZE keeps of the vector's
 * words and of the word-pair index (most common elements and their frequencies; one not among them
 * is rare): words multiplied as the planner does, a phrase taken as common as its rarest pair (its
 * pairs occur together, so multiplying them would make every phrase look rare). Null when the
 * query has no words; 0 without statistics.
 */
function estimatedShare(query: ParsedQuery): SQL {
  const words = query.plainText ? sql`tsvector_to_array(to_tsvector('simple', public.f_unaccent(${query.plainText}::text)))` : sql`'{}'::text[]`;
  const pairs = (phrase: string) => sql`tsvector_to_array(public.word_pairs(to_tsvector('simple', public.f_unaccent(${phrase}::text))))`;
  const parts = [
    sql`select coalesce(stats.freq, 0) as part from unnest(${words}) elem left join stats on stats.col = 'search' and stats.elem = elem.elem`,
    ...query.phraseTexts.map(
      (phrase) =>
        sql`select min(coalesce(stats.freq, 0)) from unnest(${pairs(phrase)}) elem left join stats on stats.col = 'word_pairs' and stats.elem = elem.elem`,
    ),
  ];
  return sql`with stats as materialized (
      select s.attname::text as col, u.elem, u.freq
      from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(elem, freq)
      where s.schemaname = 'public' and ((s.tablename = 'archive_records' and s.attname = 'search')
        or (s.tablename = 'archive_records_search_pairs_idx' and s.attname = 'word_pairs')))
    select exp(sum(ln(greatest(part, 1e-6)))) as share from (${sql.join(parts, sql` union all `)}) parts`;
}

/** Newest, oldest or by number: every match in that order (exact), counted up to the cap. */
async function sortedPage(db: Db, q: PageQuery & { sort: 'newest' | 'oldest' | 'number'; browse?: boolean }): Promise<[Row[], number]> {
  const match = q.browse ? q.where : sql`${q.where} and (${q.textMatch} or ${q.number?.any ?? sql`false`} or ${similarTitle(q.similar)})`;
  // The number order and the date orders match indexes (migrations 0008 and 0013) walked page by page.
  const numberOrder = (t: string) =>
    sql.raw(`substring(${t}.number_key from '^[0-9]+')::numeric asc nulls last, ${t}.number_key asc nulls last`);
  const dates = (t: string) =>
    // Oldest is exactly the reverse of newest (records without a date come first), so one index serves both.
    sql.raw(q.sort === 'oldest' ? `${t}.issued_on asc nulls first, ${t}.created_at asc` : `${t}.issued_on desc nulls last, ${t}.created_at desc`);
  const order = (t: string) => (q.sort === 'number' ? sql`${numberOrder(t)}, ${dates(t)}, ${sql.raw(t)}.id` : sql`${dates(t)}, ${sql.raw(t)}.id`);
  const pageCte = sql`${q.visible}, page as materialized (
      select archive_records.id, archive_records.number_key, archive_records.issued_on, archive_records.created_at
      from archive_records where ${match} order by ${order('archive_records')} limit ${q.pageSize} offset ${q.offset}),
    scored as (select page.*, ${q.number?.score() ?? sql`0`} as number_match, ${q.textMatch} as text_match
      from page join archive_records on archive_records.id = page.id)`;
  return Promise.all([
    rows<Row>(
      db,
      sql`with ${pageCte}
        select ${COLUMNS}, scored.number_match, scored.text_match ${q.snippet?.columns ?? sql``} from scored
        join archive_records on archive_records.id = scored.id
        join organizations on organizations.id = archive_records.organization_id
        ${q.snippet?.joins ?? sql``}
        order by ${order('scored')}`,
    ),
    countUpTo(db, q.visible, match),
  ]);
}

/**
 * The first match in the ORIGINAL body text of each record of the page (an accent-insensitive
 * regular expression over the text as stored), and a short window around it; the words are then
 * marked in that window. Nothing else of the text leaves the database. Joined to the page rows in
 * the statement that chose them (so under the same permission filter), only for those rows.
 * Most first matches are near the start: the first SNIPPET_EARLY_CHARS are searched alone first
 * (only they are decompressed), the rest only when they hold none. The look-ahead keeps a word cut
 * at the end of that slice from passing for a whole one. One character past the window tells
 * whether the text goes on, without reading all of it.
 */
function snippetSql(query: ParsedQuery): { columns: SQL; joins: SQL } | null {
  const terms = [...query.phrases, ...query.words.map((w) => [w])];
  if (!terms.length) return null;
  const pattern = terms.map(accentInsensitivePattern).join('|');
  const early = `(?:${pattern})(?=\\W)`;
  return {
    columns: sql`, left(snippet.text, ${SNIPPET_LENGTH}) as snippet_text, snippet.at <= ${SNIPPET_BEFORE + 1} as snippet_starts,
      length(snippet.text) <= ${SNIPPET_LENGTH} as snippet_ends`,
    joins: sql`left join archive_versions snippet_version on snippet_version.id = archive_records.current_version_id
      left join lateral (
        select located.at, substr(snippet_version.extracted_text, greatest(located.at - ${SNIPPET_BEFORE}, 1), ${SNIPPET_LENGTH + 1}) as text
        from (select coalesce(nullif(regexp_instr(left(snippet_version.extracted_text, ${SNIPPET_EARLY_CHARS}), ${early}::text), 0),
          regexp_instr(left(snippet_version.extracted_text, ${SNIPPET_SCAN_CHARS}), ${pattern}::text)) as at
          offset 0) located -- not pulled up: the expression would be computed once per reference
        where located.at > 0) snippet on true`,
  };
}

/** Cuts a window to whole words, folds white space (OCR line breaks), marks the matches. */
function trimWindow(raw: string, atStart: boolean, atEnd: boolean, query: ParsedQuery): Segment[] {
  let text = raw;
  if (!atStart) text = text.replace(/^[\p{L}\p{N}]*[^\p{L}\p{N}]+/u, '');
  if (!atEnd) text = text.replace(/[^\p{L}\p{N}]+[\p{L}\p{N}]*$/u, '');
  text = text.replace(/\s+/g, ' ').trim();
  const segments = markMatches(text, query);
  if (!atStart) segments.unshift({ text: '… ', hit: false });
  if (!atEnd) segments.push({ text: ' …', hit: false });
  return segments;
}

function toItem(row: Row, query: ParsedQuery, bodySnippet: Segment[] | null): SearchItem {
  const abstract = row.abstract && row.abstract.length > ABSTRACT_CHARS ? `${row.abstract.slice(0, ABSTRACT_CHARS).trimEnd()}…` : row.abstract;
  const abstractSegments = abstract ? markMatches(abstract, query) : null;
  const snippet = bodySnippet ?? (abstractSegments?.some((s) => s.hit) ? abstractSegments : null);
  return {
    id: row.id,
    type: row.type,
    numberSymbol: row.number_symbol,
    title: row.title,
    titleSegments: markMatches(row.title, query),
    abstract,
    issuerName: row.issuer_name,
    issuedOn: row.issued_on,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    classification: row.classification,
    matchedBy: row.number_match > 0 ? 'number' : row.text_match ? 'text' : isEmptyQuery(query) ? null : 'similar_title',
    snippet,
  };
}

/** The organisations whose archive the viewer may search, in tree order (for the filter). */
export async function searchableOrganizations(db: Db, viewer: Principal) {
  return db
    .select({ id: organizations.id, name: organizations.name, depth: organizations.depth })
    .from(organizations)
    .where(organizationScope(viewer, 'archive.view'))
    .orderBy(organizations.path);
}
