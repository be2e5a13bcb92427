import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveDisposals, archiveRecords, archiveVersions, organizations } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { viewerFor } from '@/lib/test/fixtures';
import { reindexRecord } from './index';
import { RANKED, type SearchInput, searchRecords } from './query';

type Spec = {
  organization: string;
  title: string;
  type?: (typeof archiveRecords.type.enumValues)[number];
  numberSymbol?: string;
  abstract?: string;
  body?: string;
  issuedOn?: string;
  audience?: 'organization' | 'leaders';
  classification?: (typeof archiveRecords.classification.enumValues)[number];
};

const BODY_DONG_TAM = [
  'Chi bộ thôn Đồng Tâm tổ chức Đại hội nhiệm kỳ 2025–2030 trong không khí dân chủ, đoàn kết.',
  'Đại hội thống nhất mục tiêu phát triển kinh tế nông nghiệp hàng hóa, xây dựng đường giao thông nội đồng.',
  'Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng; giữ vững quốc phòng, an ninh trên địa bàn.'.repeat(5),
  'Chỉ tiêu: thu nhập bình quân đầu người đạt 75 triệu đồng mỗi năm; 100% đảng viên hoàn thành nhiệm vụ.',
].join('\n');

async function organizationId(name: string) {
  const [row] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

async function addRecord(spec: Spec) {
  const db = getDb();
  const [record] = await db
    .insert(archiveRecords)
    .values({
      organizationId: await organizationId(spec.organization),
      type: spec.type ?? 'NQ',
      numberSymbol: spec.numberSymbol ?? null,
      title: spec.title,
      abstract: spec.abstract ?? null,
      issuedOn: spec.issuedOn ?? '2025-03-10',
      audience: spec.audience ?? 'organization',
      classification: spec.classification ?? 'normal',
    })
    .returning({ id: archiveRecords.id });
  const id = record!.id;
  if (spec.body) {
    const [version] = await db
      .insert(archiveVersions)
      .values({
        recordId: id,
        version: 1,
        fileName: 'van-ban.pdf',
        contentType: 'application/pdf',
        sizeBytes: spec.body.length,
        sha256: 'a'.repeat(64),
        storageKey: 'a'.repeat(64),
        extraction: 'done',
        extractedText: spec.body,
      })
      .returning({ id: archiveVersions.id });
    await db.update(archiveRecords).set({ currentVersionId: version!.id }).where(eq(archiveRecords.id, id));
  }
  await reindexRecord(db, id);
  return id;
}

let member: Viewer;
let secretary: Viewer;
type Key = 'congress' | 'roads' | 'personnel' | 'otherCell' | 'district' | 'districtLater' | 'districtDirective' | 'otherDistrict' | 'destroyed';
const ids = {} as Record<Key, string>;

const search = (viewer: Viewer, input: Partial<SearchInput> & { q?: string }) => searchRecords(getDb(), viewer, { sort: 'relevance', ...input });
const found = async (viewer: Viewer, input: Partial<SearchInput>) => (await search(viewer, input)).items.map((i) => i.id);

beforeAll(async () => {
  // This file's own database: the demo archive is emptied so that the expected result sets are exact.
  await getDb().execute(sql`truncate archive_records, archive_versions cascade`);
  member = await viewerFor('member@quorum.local'); // member of Chi bộ thôn Đồng Tâm
  secretary = await viewerFor('secretary@quorum.local'); // secretary of Huyện ủy Kim Bảng
  ids.congress = await addRecord({
    organization: 'Chi bộ thôn Đồng Tâm',
    numberSymbol: '05-NQ/CB',
    title: 'Nghị quyết Đại hội Chi bộ thôn Đồng Tâm nhiệm kỳ 2025–2030',
    abstract: 'Về phương hướng, nhiệm vụ nhiệm kỳ 2025–2030',
    body: BODY_DONG_TAM,
    issuedOn: '2025-03-10',
  });
  ids.roads = await addRecord({
    organization: 'Chi bộ thôn Đồng Tâm',
    type: 'KH',
    numberSymbol: '12-KH/CB',
    // Typed without diacritics, as older scans often are.
    title: 'Ke hoach lam duong giao thong thon Dong Tam',
    body: 'Ke hoach huy dong nhan dan dong gop lam duong. Kinh te phat trien nho giao thong thuan loi.',
    issuedOn: '2024-06-01',
  });
  ids.personnel = await addRecord({
    organization: 'Chi bộ thôn Đồng Tâm',
    type: 'BC',
    title: 'Báo cáo nhân sự Đại hội chi bộ',
    audience: 'leaders',
    issuedOn: '2025-02-01',
  });
  ids.otherCell = await addRecord({
    organization: 'Chi bộ thôn Bãi Giữa',
    numberSymbol: '03-NQ/CB',
    title: 'Nghị quyết Đại hội Chi bộ thôn Bãi Giữa',
    issuedOn: '2025-03-12',
  });
  ids.district = await addRecord({
    organization: 'Huyện ủy Kim Bảng',
    numberSymbol: '09-NQ/HU',
    title: 'Nghị quyết về phát triển nông nghiệp công nghệ cao',
    abstract: 'Phát triển kinh tế nông nghiệp giai đoạn 2025–2030',
    issuedOn: '2025-01-15',
    classification: 'internal',
  });
  ids.districtLater = await addRecord({
    organization: 'Huyện ủy Kim Bảng',
    numberSymbol: '19-NQ/HU',
    title: 'Nghị quyết về chuyển đổi số',
    issuedOn: '2025-09-01',
  });
  ids.districtDirective = await addRecord({
    organization: 'Huyện ủy Kim Bảng',
    type: 'CT',
    numberSymbol: '09-CT/HU',
    title: 'Chỉ thị về công tác phòng chống thiên tai',
    issuedOn: '2023-05-20',
  });
  ids.otherDistrict = await addRecord({
    organization: 'Chi bộ thôn Ninh Tào',
    numberSymbol: '09-NQ/CB',
    title: 'Nghị quyết Đại hội Chi bộ thôn Ninh Tào',
    issuedOn: '2025-03-15',
  });
  ids.destroyed = await addRecord({
    organization: 'Chi bộ thôn Đồng Tâm',
    numberSymbol: '01-NQ/CB',
    title: 'Nghị quyết Đại hội đã tiêu hủy',
    issuedOn: '2010-01-01',
  });
  const [disposal] = await getDb()
    .insert(archiveDisposals)
    .values({ organizationId: await organizationId('Chi bộ thôn Đồng Tâm'), status: 'approved', reason: 'Hết thời hạn bảo quản' })
    .returning({ id: archiveDisposals.id });
  await getDb()
    .update(archiveRecords)
    .set({ status: 'destroyed', disposalId: disposal!.id, destroyedAt: new Date() })
    .where(eq(archiveRecords.id, ids.destroyed));
  await reindexRecord(getDb(), ids.destroyed);
});

describe('searchRecords', () => {
  it('ignores diacritics both ways, đ/Đ included', async () => {
    expect(await found(member, { q: 'nghi quyet dai hoi' })).toContain(ids.congress);
    expect(await found(member, { q: 'NGHỊ QUYẾT ĐẠI HỘI' })).toContain(ids.congress);
    // A query with diacritics finds a record typed without them.
    const roads = await search(member, { q: 'Kế hoạch làm đường' });
    expect(roads.items[0]).toMatchObject({ id: ids.roads, matchedBy: 'text' });
    expect(roads.items.slice(1).every((i) => i.matchedBy === 'similar_title')).toBe(true);
    expect((await search(member, { q: 'đồng tâm đường' })).items[0]!.id).toBe(ids.roads);
    expect(await found(member, { q: 'Đồng Tâm' })).toEqual(expect.arrayContaining([ids.congress, ids.roads]));
  });

  it('filters by permission inside the query: own cell only for a member, the subtree for the district secretary', async () => {
    const forMember = await found(member, { q: 'nghị quyết đại hội' });
    expect(forMember).toEqual([ids.congress]);
    expect(await found(member, { q: 'nhân sự' })).toEqual([]); // leaders only
    expect((await search(member, { q: 'Bãi Giữa' })).total).toBe(0);

    const forSecretary = await found(secretary, { q: 'nghị quyết đại hội' });
    expect(forSecretary).toEqual(expect.arrayContaining([ids.congress, ids.otherCell]));
    expect(forSecretary).not.toContain(ids.otherDistrict); // Thanh Liêm is another district
    expect(await found(secretary, { q: 'nhân sự' })).toEqual([ids.personnel]);
    // Browsing without a query is filtered the same way, and destroyed records are left out.
    const browse = await found(member, { sort: 'newest', pageSize: 50 });
    expect(browse).toEqual([ids.congress, ids.roads]);
  });

  it('indexes adjacent word pairs as the phrase operator sees them (migration 0015)', async () => {
    const { rows } = await getDb().execute<{ pairs: string; query: string; single: string | null; title: boolean }>(sql`select
      public.word_pairs(to_tsvector('simple', public.f_unaccent('Thương mại, điện tử'))) as pairs,
      public.phrase_pairs('thương mại điện tử')::text as query,
      public.phrase_pairs('đảng')::text as single,
      exists (select 1 from archive_title_words where word = 'nghi') as title`);
    expect(rows[0]).toEqual({
      pairs: "'dien-tu' 'mai-dien' 'thuong-mai'",
      query: "'thuong-mai' & 'mai-dien' & 'dien-tu'",
      single: null,
      title: true,
    });
  });

  it('finds phrases in quotes only where the words stand together', async () => {
    const phrase = await search(secretary, { q: '"phát triển kinh tế"' });
    expect(phrase.items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.congress, ids.district]));
    expect(phrase.items.map((i) => i.id)).not.toContain(ids.roads); // "Kinh te phat trien" is the other order
    // A phrase and a word together: both must match.
    expect(await found(secretary, { q: '"phát triển kinh tế" nông nghiệp' })).toEqual(expect.arrayContaining([ids.congress, ids.district]));
    expect(await found(secretary, { q: '"phát triển kinh tế" Đồng Tâm' })).toEqual([ids.congress]);
    // Without quotes, the words in any order.
    expect(await found(secretary, { q: 'phát triển kinh tế' })).toContain(ids.roads);
  });

  it('recognises numbers and symbols: exact, prefix and symbol, ranked first', async () => {
    for (const q of ['09-NQ/HU', '09-nq/hu', 'số 09-NQ/HU', '09 - NQ / HU']) {
      const result = await search(secretary, { q });
      expect(result.items[0]).toMatchObject({ id: ids.district, matchedBy: 'number', numberSymbol: '09-NQ/HU' });
    }
    const prefix = await found(secretary, { q: '09-NQ' });
    expect(prefix[0]).toBe(ids.district);
    expect(prefix).not.toContain(ids.otherDistrict); // 09-NQ/CB of Ninh Tào is not visible
    const number = await found(secretary, { q: '09' });
    expect(number.slice(0, 2)).toEqual(expect.arrayContaining([ids.district, ids.districtDirective]));
    expect(number).not.toContain(ids.districtLater); // 19-NQ/HU does not start with 09
    const symbol = await found(secretary, { q: 'NQ/HU' });
    expect(symbol.slice(0, 2)).toEqual(expect.arrayContaining([ids.district, ids.districtLater]));
    expect(await found(member, { q: '09-NQ/HU' })).toEqual([]);
  });

  it('tolerates typos in titles when full text finds little', async () => {
    const result = await search(member, { q: 'nghi quyet dai hoj' });
    expect(result.items[0]).toMatchObject({ id: ids.congress, matchedBy: 'similar_title' });
    expect(result.items.map((i) => i.id)).not.toContain(ids.otherCell);
    expect((await search(secretary, { q: 'chuyen doi sô' })).items.map((i) => i.id)).toContain(ids.districtLater);
  });

  it('applies filters and sorts', async () => {
    expect(await found(secretary, { q: 'nghị quyết', type: 'CT' })).toEqual([]);
    expect(await found(secretary, { type: 'CT', sort: 'newest' })).toEqual([ids.districtDirective]);
    expect(await found(secretary, { q: 'nghị quyết', year: 2024 })).toEqual([]);
    expect(await found(secretary, { year: 2024, sort: 'newest' })).toEqual([ids.roads]);
    expect(await found(secretary, { q: 'nghị quyết', classification: 'internal' })).toEqual([ids.district]);
    const kimBang = await organizationId('Huyện ủy Kim Bảng');
    expect(await found(secretary, { organizationId: kimBang, sort: 'oldest' })).toEqual([ids.districtDirective, ids.district, ids.districtLater]);
    expect(await found(secretary, { q: 'nghị quyết', organizationId: kimBang, sort: 'newest' })).toEqual([ids.districtLater, ids.district]);
    expect(await found(secretary, { q: 'NQ/HU', sort: 'number' })).toEqual([ids.district, ids.districtLater]);
    // Another organisation's id as a filter cannot widen what is visible.
    expect(await found(member, { organizationId: kimBang, sort: 'newest' })).toEqual([]);
  });

  it('pages and counts', async () => {
    const first = await search(secretary, { q: 'nghị quyết', pageSize: 2, page: 1 });
    const second = await search(secretary, { q: 'nghị quyết', pageSize: 2, page: 2 });
    expect(first.total).toBe(second.total);
    expect(first.total).toBeGreaterThanOrEqual(4);
    expect(first.totalIsCapped).toBe(false);
    expect(first.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(4);
    const past = await search(secretary, { q: 'nghị quyết', pageSize: 2, page: 50 });
    expect(past.items).toEqual([]);
    expect(past.total).toBe(first.total);
  });

  it('marks only real matches in snippets, in the original spelling, and never returns the full text', async () => {
    const result = await search(member, { q: 'duong giao thong' });
    const congress = result.items.find((i) => i.id === ids.congress)!;
    const snippet = congress.snippet!;
    // Each word of a plain query is a match wherever it stands ("thống" folds to "thong").
    expect(snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['thống', 'đường giao thông']);
    const text = snippet.map((s) => s.text).join('');
    expect(text).toContain('xây dựng đường giao thông nội đồng');
    expect(text.length).toBeLessThan(BODY_DONG_TAM.length);
    expect(congress.titleSegments.some((s) => s.hit)).toBe(false);

    const phrase = await search(member, { q: '"đại hội"' });
    const item = phrase.items.find((i) => i.id === ids.congress)!;
    expect(item.titleSegments).toEqual([
      { text: 'Nghị quyết ', hit: false },
      { text: 'Đại hội', hit: true },
      { text: ' Chi bộ thôn Đồng Tâm nhiệm kỳ 2025–2030', hit: false },
    ]);
    expect(item.snippet!.filter((s) => s.hit).every((s) => s.text === 'Đại hội')).toBe(true);

    for (const i of result.items) {
      expect(Object.keys(i)).not.toContain('extractedText');
      expect(JSON.stringify(i)).not.toContain('75 triệu đồng mỗi năm; 100%'); // the body beyond the window
    }
    // Markup in the text stays text: segments are plain strings for React to escape.
    const markup = await addRecord({ organization: 'Chi bộ thôn Đồng Tâm', title: 'Thông báo <b>khẩn</b>', body: 'Nội dung <script>khẩn</script> cấp' });
    const hit = (await search(member, { q: 'khan' })).items.find((i) => i.id === markup)!;
    expect(hit.snippet).toEqual([
      { text: 'Nội dung <script>', hit: false },
      { text: 'khẩn', hit: true },
      { text: '</script> cấp', hit: false },
    ]);
  });

  it('re-indexes after a change and empties the vector of a destroyed record', async () => {
    await getDb().update(archiveRecords).set({ title: 'Nghị quyết Đại hội (bản sửa đổi)', numberSymbol: '5 - NQ/CB' }).where(eq(archiveRecords.id, ids.congress));
    await reindexRecord(getDb(), ids.congress);
    expect(await found(member, { q: 'sua doi' })).toEqual([ids.congress]);
    expect(await found(member, { q: '5-nq/cb' })).toContain(ids.congress);
    const [row] = await getDb()
      .select({ empty: sql<boolean>`${archiveRecords.search} = ''::tsvector`, key: archiveRecords.numberKey })
      .from(archiveRecords)
      .where(eq(archiveRecords.id, ids.destroyed));
    expect(row).toEqual({ empty: true, key: '01-nq/cb' });
  });

  it('ranks the first RANKED candidates (newest first within a tier) and lists the rest by date after them', async () => {
    // RANKED + 5 body matches, one a day; the word is repeated more in every tenth record.
    const days = RANKED + 5;
    const made: { id: string; day: number; strong: boolean }[] = [];
    for (let day = 0; day < days; day++) {
      const strong = day % 10 === 3;
      const body = `Phương án ứng phó ${strong ? 'lũ quét, lũ quét và sạt lở; di dời khỏi vùng lũ quét' : 'lũ quét'} ở thôn.`;
      const issuedOn = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
      made.push({ id: await addRecord({ organization: 'Chi bộ thôn Đồng Tâm', type: 'KH', title: `Kế hoạch số ${day}`, body, issuedOn }), day, strong });
    }
    const result = await search(member, { q: 'lũ quét', pageSize: 50 });
    expect(result.total).toBe(days);
    const byId = new Map(made.map((m) => [m.id, m]));
    const order = result.items.map((i) => byId.get(i.id)!);
    // The strong matches among the newest RANKED come first, newest first among equals.
    const ranked = made.filter((m) => m.day >= days - RANKED);
    const strong = ranked.filter((m) => m.strong).sort((a, b) => b.day - a.day);
    expect(order.slice(0, strong.length).map((m) => m.day)).toEqual(strong.map((m) => m.day));
    expect(order.slice(strong.length).every((m) => !m.strong || m.day < days - RANKED)).toBe(true);
    // The oldest, beyond RANKED, are not ranked: they come after every ranked one, by date.
    const last = await search(member, { q: 'lũ quét', pageSize: 50, page: Math.ceil(days / 50) });
    expect(last.items.map((i) => byId.get(i.id)!.day)).toEqual(made.slice(0, days % 50).map((m) => m.day).reverse());
  });

  it('walks the newest records for words the statistics put in most records, with the same results as the index', async () => {
    // After the previous test "lũ quét" is in nearly every record of the archive.
    const queries: Partial<SearchInput>[] = [{ q: 'lũ quét' }, { q: '"lũ quét"' }, { q: 'lũ quét thôn', pageSize: 50 }, { q: 'lũ quét', page: 3 }];
    const elsewhere = await addRecord({ organization: 'Chi bộ thôn Bãi Giữa', type: 'KH', title: 'Kế hoạch phòng chống lụt bão', body: 'Ứng phó lũ quét.', issuedOn: '2030-01-01' });
    const before = await Promise.all(queries.map((input) => search(member, input)));
    await getDb().execute(sql`analyze archive_records`);
    const { rows } = await getDb().execute<{ word: number; pair: number }>(sql`select
      (select u.freq from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(elem, freq)
        where s.tablename = 'archive_records' and s.attname = 'search' and u.elem = 'quet') as word,
      (select u.freq from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(elem, freq)
        where s.tablename = 'archive_records_search_pairs_idx' and u.elem = 'lu-quet') as pair`);
    expect(rows[0]!.word).toBeGreaterThan(0.65); // so the walk is taken
    expect(rows[0]!.pair).toBeGreaterThan(0.65);
    const after = await Promise.all(queries.map((input) => search(member, input)));
    expect(after).toEqual(before);
    expect(after[0]!.total).toBe(RANKED + 5);
    // The permission filter holds in the walk too: the newest match is another cell's.
    expect(after[0]!.items.map((i) => i.id)).not.toContain(elsewhere);
    expect((await search(secretary, { q: 'lũ quét', pageSize: 50 })).items.map((i) => i.id)).toContain(elsewhere);
  });
});
