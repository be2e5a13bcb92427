// `npm run bench:search [-- --documents 100000] [--no-naive]` (BENCH_KEEP=1 keeps the database for EXPLAIN)
//
// Archive search on a realistic corpus, in its own embedded PostgreSQL (temporary folder):
// 100,000 records of generated Vietnamese Party-document text (about two pages each, phrases drawn
// with Zipf-like frequencies so that common and rare words both exist) across 491 organisations,
// bulk-loaded with their search vectors built in SQL. 50 queries (common and rare words, phrases,
// unaccented text, numbers, filters, typos) run as a viewer who may see about half of the records,
// through the real searchRecords (permission filter, ranking, count, snippets); the same queries
// are then run the naive way (ILIKE over the text, same permission filter) once each.
// Prints p50/p95 of both and their ratio, and writes bench/results/search.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Principal } from '@/lib/auth/permissions';
import { visibleRecords } from '@/lib/archive/access';
import { closeDb, getDb, getPool } from '@/lib/db/client';
import { startEmbeddedDatabase } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { searchVectorExpression } from '@/lib/search/index';
import type { SearchInput } from '@/lib/search/query';
import { searchRecords } from '@/lib/search/query';
import { numberKeyOf } from '@/lib/search/text';

const args = process.argv.slice(2);
const DOCUMENTS = (() => {
  const i = args.indexOf('--documents');
  const value = i >= 0 ? Number(args[i + 1]) : 100_000;
  if (!Number.isInteger(value) || value < 1000) throw new Error('--documents needs a whole number ≥ 1000');
  return value;
})();
/** `--no-naive` skips the ILIKE baseline (minutes on the full corpus), e.g. when only preparing a kept database. */
const NAIVE = !args.includes('--no-naive');
const BATCH = 1000;
const ROUNDS = 3;
const TARGET_P95_MS = 50;
const log = (message: string) => console.log(`bench:search: ${message}`);

// ── a deterministic generator ───────────────────────────────────────────────────────────────
let seed = 20251;
/** mulberry32: small, fast, and without the serial correlation of a plain LCG. */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
async function retryOnDeadlock<T>(run: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= tries) throw error;
    }
  }
}

const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

/** Draws items with Zipf-like weights (the i-th item weighs 1 / (i + 1)^s). */
function zipf<T>(items: readonly T[], s = 1.05) {
  const cumulative: number[] = [];
  let sum = 0;
  items.forEach((_, i) => cumulative.push((sum += 1 / (i + 1) ** s)));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

// Phrases of Party documents, most frequent first.
const PHRASES = [
  'đảng viên', 'chi bộ', 'nhiệm vụ', 'lãnh đạo', 'công tác', 'xây dựng Đảng', 'nhân dân', 'phát triển', 'tổ chức',
  'thực hiện', 'nghị quyết', 'cấp ủy', 'chính quyền', 'kinh tế', 'xã hội', 'Ban Chấp hành', 'Ban Thường vụ', 'cán bộ',
  'đoàn kết', 'kế hoạch', 'chỉ đạo', 'kiểm tra', 'giám sát', 'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'nâng cao năng lực lãnh đạo', 'sức chiến đấu', 'tổ chức cơ sở đảng', 'hệ thống chính trị', 'Mặt trận Tổ quốc',
  'đoàn thể chính trị - xã hội', 'quốc phòng, an ninh', 'trật tự an toàn xã hội', 'nông nghiệp', 'nông thôn mới',
  'xây dựng nông thôn mới', 'giảm nghèo bền vững', 'an sinh xã hội', 'giáo dục và đào tạo', 'y tế cơ sở', 'văn hóa',
  'phong trào thi đua', 'khen thưởng', 'kỷ luật đảng', 'sinh hoạt chi bộ', 'chất lượng sinh hoạt', 'đánh giá, xếp loại',
  'kết nạp đảng viên mới', 'đảng viên dự bị', 'quần chúng ưu tú', 'đại hội', 'nhiệm kỳ', 'phương hướng',
  'chỉ tiêu', 'giải pháp', 'tổng kết', 'sơ kết', 'báo cáo chính trị', 'kiểm điểm', 'tự phê bình và phê bình',
  'thu chi ngân sách', 'đầu tư công', 'hạ tầng giao thông', 'đường giao thông nông thôn', 'thủy lợi', 'chăn nuôi',
  'trồng trọt', 'chuyển dịch cơ cấu kinh tế', 'thu nhập bình quân đầu người', 'hộ nghèo', 'bảo hiểm y tế',
  'vệ sinh môi trường', 'tài nguyên và môi trường', 'đất đai', 'giải phóng mặt bằng', 'khiếu nại, tố cáo',
  'cải cách hành chính', 'dân chủ ở cơ sở', 'dân vận khéo', 'tuyên truyền', 'tuyên giáo', 'dư luận xã hội',
  'tôn giáo', 'dân tộc', 'thanh niên', 'phụ nữ', 'cựu chiến binh', 'người cao tuổi', 'khuyến học', 'gia đình văn hóa',
  'làng nghề truyền thống', 'du lịch sinh thái', 'tiểu thủ công nghiệp', 'thương mại, dịch vụ', 'doanh nghiệp',
  'hợp tác xã', 'kinh tế tập thể', 'khoa học và công nghệ', 'phòng, chống tham nhũng, lãng phí', 'thực hành tiết kiệm',
  'suy thoái về tư tưởng chính trị', 'tự diễn biến, tự chuyển hóa', 'bảo vệ nền tảng tư tưởng của Đảng',
  'công tác cán bộ', 'quy hoạch cán bộ', 'luân chuyển cán bộ', 'bồi dưỡng lý luận chính trị', 'ủy ban kiểm tra',
  'thi hành kỷ luật', 'thẻ đảng viên', 'đảng phí', 'hồ sơ đảng viên', 'chuyển sinh hoạt đảng', 'biểu quyết thông qua',
  'phòng chống thiên tai', 'tìm kiếm cứu nạn', 'phòng cháy chữa cháy', 'dịch bệnh', 'tiêm chủng', 'sản xuất vụ đông',
  'cánh đồng mẫu lớn', 'chính quyền điện tử', 'dịch vụ công trực tuyến', 'nông nghiệp công nghệ cao', 'cây dược liệu', 'rau an toàn', 'chuỗi giá trị', 'liên kết tiêu thụ', 'nước sạch nông thôn', 'điện chiếu sáng',
  'nhà văn hóa thôn', 'sân thể thao', 'bia tưởng niệm liệt sĩ', 'đền thờ', 'lễ hội truyền thống', 'đê điều',
  ] as const;
/** Topics that only some records mention (each in roughly 0.2–2 % of them). */
const RARE_PHRASES = [
  'chuyển đổi số', 'sản phẩm OCOP', 'biến đổi khí hậu', 'xâm nhập mặn', 'năng lượng tái tạo', 'sáp nhập đơn vị hành chính',
  'kinh tế tuần hoàn', 'truy xuất nguồn gốc', 'thương mại điện tử', 'an toàn thông tin', 'định danh điện tử',
  'trạm bơm Kim Bảng', 'núi Ngũ Động', 'chùa Bà Đanh', 'sông Đáy', 'làng trống Đọi Tam', 'gốm Quyết Thành',
] as const;
const drawRare = zipf(RARE_PHRASES, 0.7);
const CONNECTORS = ['và', 'của', 'trong', 'đối với', 'về', 'nhằm', 'gắn với', 'theo', 'để', 'trên cơ sở', 'góp phần', 'bảo đảm'] as const;
const OPENERS = [
  'Tiếp tục', 'Tăng cường', 'Đẩy mạnh', 'Chú trọng', 'Quan tâm', 'Thực hiện tốt', 'Nâng cao chất lượng',
  'Kiên quyết', 'Tập trung', 'Phấn đấu', 'Đổi mới', 'Quán triệt',
] as const;
const drawPhrase = zipf(PHRASES);

function sentence() {
  const parts: string[] = [pick(OPENERS)];
  const length = 4 + Math.floor(random() * 6);
  for (let i = 0; i < length; i++) parts.push(i % 2 ? pick(CONNECTORS) : drawPhrase());
  if (random() < 0.0008) parts.push(pick(CONNECTORS), drawRare());
  if (random() < 0.3) parts.push(`năm ${2005 + Math.floor(random() * 21)}`);
  if (random() < 0.15) parts.push(`đạt ${Math.floor(random() * 100)}%`);
  return `${parts.join(' ')}.`;
}

function body(targetChars: number) {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < targetChars) {
    const sentences = Array.from({ length: 4 + Math.floor(random() * 4) }, sentence);
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 1;
  }
  return paragraphs.join('\n');
}

const TYPES = [
  ['NQ', 'Nghị quyết'], ['CT', 'Chỉ thị'], ['KL', 'Kết luận'], ['QĐ', 'Quyết định'], ['HD', 'Hướng dẫn'],
  ['KH', 'Kế hoạch'], ['BC', 'Báo cáo'], ['TB', 'Thông báo'], ['CV', 'Công văn'], ['BB', 'Biên bản'],
] as const;
const drawType = zipf(TYPES, 0.8);
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const GIVEN = ['Văn Thắng', 'Thị Hoa', 'Minh Tuấn', 'Thị Thu Hà', 'Đức Anh', 'Quang Huy', 'Thị Lan', 'Văn Đông', 'Hữu Nghĩa'];
const PLACES = ['Đồng Tâm', 'Bãi Giữa', 'Tân Lang', 'Hồng Sơn', 'Ninh Tào', 'Đọi Sơn', 'Liêm Cần', 'Thanh Hà', 'Khả Phong', 'Ba Sao'];

// ── organisations ───────────────────────────────────────────────────────────────────────────
type Org = { id: string; parentId: string | null; kind: string; name: string; code: string; path: string; depth: number };
function organisationTree(): Org[] {
  const orgs: Org[] = [];
  const add = (parent: Org | null, kind: string, name: string, code: string) => {
    const id = randomUUID();
    const org = { id, parentId: parent?.id ?? null, kind, name, code, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1 };
    orgs.push(org);
    return org;
  };
  const province = add(null, 'provincial_committee', 'Tỉnh ủy Hà Nam', 'TU');
  for (let d = 1; d <= 10; d++) {
    const district = add(province, 'district_committee', `Huyện ủy số ${d}`, 'HU');
    for (let c = 1; c <= 8; c++) {
      const commune = add(district, 'grassroots_committee', `Đảng ủy xã ${PLACES[c]} ${d}`, 'ĐU');
      for (let k = 1; k <= 5; k++) add(commune, 'cell', `Chi bộ thôn ${PLACES[(c + k) % PLACES.length]} ${d}.${c}.${k}`, 'CB');
    }
  }
  return orgs;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

// ── the queries ─────────────────────────────────────────────────────────────────────────────
type BenchQuery = { kind: string; input: SearchInput & { sort: NonNullable<SearchInput['sort']> } };
function queries(someDistrict: string): BenchQuery[] {
  const q = (kind: string, text: string, extra: Partial<SearchInput> = {}): BenchQuery => ({
    kind,
    input: { q: text, sort: 'relevance', page: 1, pageSize: 20, ...extra },
  });
  return [
    ...['đảng viên', 'chi bộ', 'nhiệm vụ', 'lãnh đạo', 'công tác', 'nhân dân', 'phát triển kinh tế', 'kiểm tra giám sát', 'nghị quyết', 'xây dựng Đảng'].map(
      (t) => q('common', t),
    ),
    ...['chuyển đổi số', 'biến đổi khí hậu', 'OCOP', 'xâm nhập mặn', 'định danh điện tử', 'làng trống Đọi Tam', 'gốm Quyết Thành', 'chùa Bà Đanh', 'năng lượng tái tạo', 'truy xuất nguồn gốc'].map(
      (t) => q('rare', t),
    ),
    ...['phat trien kinh te', 'dang vien du bi', 'chuyen doi so', 'song day', 'nong thon moi'].map((t) => q('unaccented', t)),
    ...[
      '"xây dựng nông thôn mới"',
      '"tự phê bình và phê bình"',
      '"giảm nghèo bền vững"',
      '"kinh tế tuần hoàn"',
      '"sáp nhập đơn vị hành chính"',
      '"phòng cháy chữa cháy"',
      '"cánh đồng mẫu lớn" sản xuất',
      '"thương mại điện tử"',
    ].map((t) => q('phrase', t)),
    ...['09-NQ/HU', '09-NQ', '15-CT/TU', 'NQ/HU', 'số 12-KH/ĐU', '03', '120-bc/cb', '7-tb/đu'].map((t) => q('number', t)),
    q('filter', 'nông nghiệp', { type: 'NQ' }),
    q('filter', 'đảng viên', { year: 2019 }),
    q('filter', 'kinh tế', { classification: 'internal', sort: 'newest' }),
    q('filter', 'chuyển đổi số', { organizationId: someDistrict }),
    q('filter', '', { sort: 'newest' }),
    q('filter', '', { type: 'CT', year: 2021, sort: 'oldest' }),
    q('filter', 'đảng viên', { sort: 'newest', page: 5 }),
    q('filter', 'chi bộ', { sort: 'number' }),
    ...['nghi quyet dai hoj', 'chuyen doi sô hoa', 'ke hoach phong chong thien taj'].map((t) => q('typo', t)),
    q('filter', 'hộ nghèo', { type: 'BC', year: 2015 }),
  ];
}

// ── run ─────────────────────────────────────────────────────────────────────────────────────
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-search-'));
const database = await startEmbeddedDatabase({ dataDir, fast: true });
// BENCH_KEEP=1 leaves the database running afterwards (its URL is printed) for EXPLAIN sessions.
const keep = process.env.BENCH_KEEP === '1';
async function cleanup() {
  await closeDb().catch(() => undefined);
  if (keep) {
    log(`database kept running: ${database.url} (data in ${dataDir}; stop with kill ${database.pid})`);
    return;
  }
  await database.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  await migrateDatabase(database.url);
  process.env.DATABASE_URL = database.url;
  const pool = getPool();
  const orgs = organisationTree();
  await pool.query(
    `insert into organizations (id, parent_id, kind, name, code, current_term, path, depth)
     select * from unnest($1::uuid[], $2::uuid[], $3::organization_kind[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
    [
      orgs.map((o) => o.id),
      orgs.map((o) => o.parentId),
      orgs.map((o) => o.kind),
      orgs.map((o) => o.name),
      orgs.map((o) => o.code),
      orgs.map(() => '2025–2030'),
      orgs.map((o) => o.path),
      orgs.map((o) => o.depth),
    ],
  );

  // Records by level: 5 % province, 20 % districts, 30 % communes, 45 % cells.
  const byKind = (kind: string) => orgs.filter((o) => o.kind === kind);
  const levels: [Org[], number][] = [
    [byKind('provincial_committee'), 0.05],
    [byKind('district_committee'), 0.25],
    [byKind('grassroots_committee'), 0.55],
    [byKind('cell'), 1],
  ];
  const numbers = new Map<string, number>();
  const started = performance.now();
  let generatedMs = 0;
  let inserted = 0;
  let totalChars = 0;

  async function insertBatch(count: number) {
    const t0 = performance.now();
    const rows = Array.from({ length: count }, () => {
      const level = random();
      const org = pick(levels.find(([, upTo]) => level < upTo)![0]);
      const [type, typeName] = drawType();
      const year = 2005 + Math.floor(random() * 21);
      const term = Math.floor((year - 2005) / 5);
      const counterKey = `${org.id}|${type}|${term}`;
      const n = (numbers.get(counterKey) ?? 0) + 1;
      numbers.set(counterKey, n);
      const numberSymbol = `${String(n).padStart(2, '0')}-${type}/${org.code}`;
      const topic = drawPhrase();
      const text = body(5000 + Math.floor(random() * 1200));
      totalChars += text.length;
      return {
        id: randomUUID(),
        versionId: randomUUID(),
        organizationId: org.id,
        type,
        numberSymbol,
        numberKey: numberKeyOf(numberSymbol),
        title: `${typeName} về ${topic} ${random() < 0.5 ? `năm ${year}` : `của ${org.name}`}`,
        abstract: `Về việc ${drawPhrase()} ${pick(CONNECTORS)} ${drawPhrase()} ${pick(CONNECTORS)} ${drawPhrase()}`,
        issuerName: org.name,
        issuedOn: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        signer: `${pick(SURNAMES)} ${pick(GIVEN)}`,
        recipients: 'Các chi bộ trực thuộc; Lưu Văn phòng',
        classification: random() < 0.3 ? 'internal' : 'normal',
        audience: random() < 0.1 ? 'leaders' : 'organization',
        body: text,
      };
    });
    generatedMs += performance.now() - t0;
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
    // One statement: the versions and their records (the foreign keys in both directions are
    // checked at the end of the statement), with the search vector built in SQL. Two loaders
    // can deadlock on the title vocabulary (each adds new words in its own order): the losing
    // statement wrote nothing and is simply sent again.
    await retryOnDeadlock(() => pool.query(
      `with input as (
         select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::record_type[], $5::text[], $6::text[], $7::text[],
           $8::text[], $9::text[], $10::date[], $11::text[], $12::text[], $13::record_classification[], $14::record_audience[], $15::text[])
           as t(id, version_id, organization_id, type, number_symbol, number_key, title, abstract, issuer_name, issued_on,
                signer, recipients, classification, audience, body)),
       versions as (
         insert into archive_versions (id, record_id, version, file_name, content_type, size_bytes, sha256, storage_key, extraction, text_source, extracted_text, processed_at)
         select version_id, id, 1, 'van-ban.pdf', 'application/pdf', octet_length(body), md5(body) || md5(body), md5(body) || md5(body), 'done', 'text_layer', body, now()
         from input returning id)
       insert into archive_records (id, organization_id, type, number_symbol, number_key, title, abstract, issuer_name, issued_on,
         signer, recipients, classification, audience, current_version_id, search, created_at)
       select input.id, organization_id, type, number_symbol, number_key, title, abstract, issuer_name, issued_on, signer, recipients,
         classification, audience, version_id, ${searchVectorExpression('input', 'input.body')},
         issued_on::timestamptz
       from input`,
      [
        column('id'), column('versionId'), column('organizationId'), column('type'), column('numberSymbol'), column('numberKey'),
        column('title'), column('abstract'), column('issuerName'), column('issuedOn'), column('signer'), column('recipients'),
        column('classification'), column('audience'), column('body'),
      ],
    ));
    inserted += count;
    if (inserted % 10_000 === 0) log(`${inserted} records loaded (${Math.round((performance.now() - started) / 1000)} s)`);
  }

  // Bulk-load practice: the secondary indexes (as the migrations define them) are dropped for the
  // load and built again afterwards, which is several times faster than maintaining them per row.
  const { rows: indexes } = await pool.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
     where tablename in ('archive_records', 'archive_versions') and indexname not like '%_pkey'`,
  );
  for (const index of indexes) await pool.query(`drop index ${index.name}`);
  log(`generating and loading ${DOCUMENTS} records…`);
  // Two loaders at a time: generation in Node overlaps with vector building in PostgreSQL.
  const batches = Array.from({ length: Math.ceil(DOCUMENTS / BATCH) }, (_, i) => Math.min(BATCH, DOCUMENTS - i * BATCH));
  const inFlight = new Set<Promise<void>>();
  for (const size of batches) {
    const task = insertBatch(size).finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= 2) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  log(`building ${indexes.length} indexes…`);
  await Promise.all(
    [indexes.filter((_, i) => i % 2 === 0), indexes.filter((_, i) => i % 2 === 1)].map(async (share) => {
      const client = await pool.connect();
      try {
        // The word-pair index takes over a minute on 100,000 records: past the app's statement timeout.
        await client.query(`set maintenance_work_mem = '256MB'; set statement_timeout = 0`);
        for (const index of share) await client.query(index.definition);
        await client.query('reset statement_timeout; reset maintenance_work_mem');
      } finally {
        client.release();
      }
    }),
  );
  const maintenance = await pool.connect();
  try {
    // ANALYZE computes the word-pair expression of every sampled row: also past the statement timeout.
    await maintenance.query('set statement_timeout = 0');
    await maintenance.query('vacuum analyze archive_records');
    await maintenance.query('vacuum analyze archive_versions');
    await maintenance.query('analyze organizations');
    await maintenance.query('reset statement_timeout');
  } finally {
    maintenance.release();
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const { rows: sizeRows } = await pool.query<{ table: string; indexes: string }>(
    `select pg_size_pretty(pg_total_relation_size('archive_records') + pg_total_relation_size('archive_versions')) as table,
            pg_size_pretty(pg_indexes_size('archive_records')) as indexes`,
  );
  log(`loaded in ${round(loadSeconds)} s (text generated in ${round(generatedMs / 1000)} s; ${Math.round(totalChars / DOCUMENTS)} characters per record; tables ${sizeRows[0]!.table}, search indexes ${sizeRows[0]!.indexes})`);

  // The viewer: on the standing committees of five of the ten districts (oversight over their
  // subtrees), which shows about half of all records.
  const districts = byKind('district_committee');
  const viewer: Principal = {
    isAdmin: false,
    memberships: districts.slice(0, 5).map((d) => ({ organizationId: d.id, organizationPath: d.path, role: 'standing_member' as const })),
  };
  const db = getDb();
  const visible = (await db.execute<{ n: number }>(sql`select count(*)::int as n from archive_records where ${visibleRecords(viewer)}`)).rows[0]!.n;
  log(`the viewer may see ${visible} of ${DOCUMENTS} records (${Math.round((visible / DOCUMENTS) * 100)} %)`);

  const list = queries(districts[0]!.id);
  const timings = list.map(() => [] as number[]);
  const results: { total: number; capped: boolean; first: string | null }[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    for (const [i, query] of list.entries()) {
      const t0 = performance.now();
      const result = await searchRecords(db, viewer, query.input);
      const ms = performance.now() - t0;
      if (r > 0) timings[i]!.push(ms); // round 0 warms the cache
      if (r === 0) results.push({ total: result.total, capped: result.totalIsCapped, first: result.items[0]?.title ?? null });
    }
  }
  const perQuery = timings.map((t) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)]!);

  // The naive way: ILIKE over title, abstract and text for each word, same permission filter and
  // filters, newest first, with the count. Numbers are looked up in the number column.
  log('running the same queries the naive way (ILIKE over the text)…');
  const naive: number[] = [];
  for (const query of NAIVE ? list : []) {
    const words = (query.input.q ?? '').replace(/["“”]/g, ' ').split(/\s+/).filter(Boolean);
    const conditions = [visibleRecords(viewer), sql`archive_records.status = 'active'`];
    for (const word of words) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        sql`(archive_records.title ilike ${like} or archive_records.abstract ilike ${like} or archive_records.number_symbol ilike ${like} or archive_versions.extracted_text ilike ${like})`,
      );
    }
    if (query.input.type) conditions.push(sql`archive_records.type = ${query.input.type}`);
    if (query.input.classification) conditions.push(sql`archive_records.classification = ${query.input.classification}`);
    if (query.input.organizationId) conditions.push(sql`archive_records.organization_id = ${query.input.organizationId}`);
    if (query.input.year) conditions.push(sql`extract(year from archive_records.issued_on) = ${query.input.year}`);
    // Without the app's statement timeout: a naive query may take longer than it allows.
    const elapsed = await db.transaction(async (tx) => {
      await tx.execute(sql`set local statement_timeout = 0`);
      const t0 = performance.now();
      await tx.execute(sql`select archive_records.id, archive_records.title, count(*) over () as total
        from archive_records left join archive_versions on archive_versions.id = archive_records.current_version_id
        where ${sql.join(conditions, sql` and `)}
        order by archive_records.issued_on desc limit 20 offset ${((query.input.page ?? 1) - 1) * 20}`);
      return performance.now() - t0;
    });
    naive.push(elapsed);
  }

  const sorted = [...perQuery].sort((a, b) => a - b);
  const naiveSorted = [...naive].sort((a, b) => a - b);
  const summary = {
    documents: DOCUMENTS,
    visibleToViewer: visible,
    averageCharacters: Math.round(totalChars / DOCUMENTS),
    loadSeconds: round(loadSeconds),
    storage: sizeRows[0],
    search: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1)!) },
    naive: { p50: round(percentile(naiveSorted, 50)), p95: round(percentile(naiveSorted, 95)), max: round(naiveSorted.at(-1)!) },
    ratio: {
      p50: round(percentile(naiveSorted, 50) / percentile(sorted, 50)),
      p95: round(percentile(naiveSorted, 95) / percentile(sorted, 95)),
    },
    targetP95Ms: TARGET_P95_MS,
    meetsTarget: percentile(sorted, 95) < TARGET_P95_MS,
    queries: list.map((query, i) => ({
      kind: query.kind,
      ...query.input,
      ms: round(perQuery[i]!),
      naiveMs: round(naive[i]!),
      total: results[i]!.total,
      totalIsCapped: results[i]!.capped,
      first: results[i]!.first,
    })),
  };
  for (const query of summary.queries) {
    log(`${query.kind.padEnd(10)} ${JSON.stringify(query.q ?? '').padEnd(34)} ${String(query.ms).padStart(7)} ms   naive ${String(query.naiveMs).padStart(8)} ms   ${query.total}${query.totalIsCapped ? '+' : ''} found`);
  }
  log(`search p50 ${summary.search.p50} ms, p95 ${summary.search.p95} ms (target < ${TARGET_P95_MS} ms: ${summary.meetsTarget ? 'met' : 'NOT met'})`);
  log(`naive  p50 ${summary.naive.p50} ms, p95 ${summary.naive.p95} ms; naive / search: ${summary.ratio.p50}× at p50, ${summary.ratio.p95}× at p95`);
  mkdirSync(path.join(process.cwd(), 'bench', 'results'), { recursive: true });
  if (NAIVE) {
    writeFileSync(path.join(process.cwd(), 'bench', 'results', 'search.json'), `${JSON.stringify(summary, null, 2)}\n`);
    log('wrote bench/results/search.json');
  } else log('without the naive baseline: bench/results/search.json left as it was');
} finally {
  await cleanup();
}
process.exit(0);
