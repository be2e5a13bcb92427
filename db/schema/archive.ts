import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { users } from './users';

/** A PostgreSQL full-text vector; written by the search indexer (lib/search), never read raw. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Document types of Guidance 36-HD/VPTW, with the abbreviation used in the number. */
export const recordType = pgEnum('record_type', [
  'NQ', // Nghị quyết — resolution
  'CT', // Chỉ thị — directive
  'KL', // Kết luận — conclusion
  'QĐ', // Quyết định — decision
  'QC', // Quy chế — working regulation
  'HD', // Hướng dẫn — guidance
  'KH', // Kế hoạch — plan
  'BC', // Báo cáo — report
  'TB', // Thông báo — notice
  'CV', // Công văn — official letter
  'BB', // Biên bản — minutes
  'CTr', // Chương trình — programme
  'other',
]);

/**
 * Thường (ordinary), lưu hành nội bộ (internal), and the three state-secret levels, which are
 * registered by metadata only: their files are refused (Law on Protection of State Secrets).
 */
export const recordClassification = pgEnum('record_classification', [
  'normal',
  'internal',
  'secret', // Mật
  'top_secret', // Tối mật
  'absolute_secret', // Tuyệt mật
]);

/**
 * Who may see a record, on top of the archive permissions of its organisation:
 * `organization`: every member of the owning organisation (and oversight above it);
 * `leaders`: only those who manage the archive there (secretary, deputies, clerk) and oversight.
 */
export const recordAudience = pgEnum('record_audience', ['organization', 'leaders']);

export const recordStatus = pgEnum('record_status', ['active', 'destroyed']);

/** One archived record (hồ sơ/văn bản): metadata, current file version, retention and hold. */
export const archiveRecords = pgTable(
  'archive_records',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The archiving organisation; permission filters use its path without a join on users. */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    type: recordType().notNull(),
    /** Number and symbol as written on the document, e.g. `09-NQ/HU`. */
    numberSymbol: text(),
    /** `numberSymbol` folded for exact and prefix search: lower case, no spaces, đ → d (lib/search). */
    numberKey: text(),
    /** Short title shown in lists. */
    title: text().notNull(),
    /** Trích yếu: the one-paragraph subject. */
    abstract: text(),
    issuerName: text(),
    issuedOn: date({ mode: 'string' }),
    signer: text(),
    recipients: text(),
    classification: recordClassification().notNull().default('normal'),
    audience: recordAudience().notNull().default('organization'),
    /** Years to keep from `issuedOn` (or creation); null = permanent (vĩnh viễn). */
    retentionYears: integer(),
    legalHold: boolean().notNull().default(false),
    legalHoldReason: text(),
    status: recordStatus().notNull().default('active'),
    currentVersionId: uuid().references((): AnyPgColumn => archiveVersions.id, { onDelete: 'set null' }),
    /** Weighted vector: A title + number, B abstract + metadata, C body text (lib/search). */
    search: tsvector(),
    /**
     * Number, title and abstract alone, unweighted, kept by PostgreSQL from the row itself: the
     * candidates ranked first for a query whose words are everywhere (lib/search). Stored (small,
     * in the row) so that checking a phrase or ranking a similar title does not compute it again.
     */
    searchHead: tsvector().generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, public.f_unaccent(coalesce(number_symbol, '') || ' ' || title || ' ' || coalesce(abstract, '')))`,
    ),
    /** Links to where the record came from (an issued resolution, approved minutes). */
    sourceKind: text(),
    sourceId: uuid(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    destroyedAt: timestamp({ withTimezone: true }),
    destroyedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    disposalId: uuid(),
  },
  (t) => [
    index('archive_records_org_idx').on(t.organizationId, t.issuedOn),
    index('archive_records_number_key_idx').on(t.numberKey),
    uniqueIndex('archive_records_source_idx').on(t.sourceKind, t.sourceId),
    check('archive_records_retention', sql`${t.retentionYears} is null or ${t.retentionYears} between 1 and 100`),
    // The GIN indexes on `search` (words, and adjacent word pairs for phrases) are in custom migrations.
  ],
);

/**
 * Every word (folded: lower case, no diacritics) that appears in a record title. When a query
 * finds nothing, its words missing from here are taken as typos and replaced by the closest ones
 * (lib/search/query.ts). Filled by a trigger on archive_records (custom migration); words are
 * never removed, a stale one only costs a lookup.
 */
export const archiveTitleWords = pgTable(
  'archive_title_words',
  { word: text().primaryKey() },
  (t) => [index('archive_title_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
);

export const extractionStatus = pgEnum('extraction_status', ['queued', 'processing', 'done', 'failed', 'skipped']);

/**
 * One file version of a record (who, when, why). Files are content-addressed (`storageKey` =
 * SHA-256), so the same content twice is stored once. A version row is written only after its
 * file is safely stored, so no row ever points at a missing file.
 */
export const archiveVersions = pgTable(
  'archive_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    recordId: uuid()
      .notNull()
      .references(() => archiveRecords.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    reason: text(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    /** Null once the record is destroyed (the tombstone keeps the hash). */
    storageKey: text(),
    pageCount: integer(),
    extraction: extractionStatus().notNull().default('queued'),
    extractionError: text(),
    /** `text_layer`, `ocr`, `docx`, `xlsx`, `odt`. */
    textSource: text(),
    /** Full extracted text. Never sent in lists; only the search indexer and snippets read it. */
    extractedText: text(),
    processedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('archive_versions_record_version_idx').on(t.recordId, t.version),
    index('archive_versions_storage_key_idx').on(t.storageKey),
    index('archive_versions_extraction_idx').on(t.extraction),
  ],
);

/** Page images of a version for the in-browser viewer (also content-addressed). */
export const archivePreviews = pgTable(
  'archive_previews',
  {
    versionId: uuid()
      .notNull()
      .references(() => archiveVersions.id, { onDelete: 'cascade' }),
    page: integer().notNull(),
    storageKey: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.page] }), index('archive_previews_storage_key_idx').on(t.storageKey)],
);

/** Default retention by type; a record may override it. Null years = permanent. */
export const archiveRetentionRules = pgTable('archive_retention_rules', {
  type: recordType().primaryKey(),
  years: integer(),
});

export const disposalStatus = pgEnum('disposal_status', ['proposed', 'approved', 'rejected']);

/** A disposition list (danh mục tài liệu hết giá trị): proposed, then approved or rejected. */
export const archiveDisposals = pgTable(
  'archive_disposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    status: disposalStatus().notNull().default('proposed'),
    reason: text().notNull(),
    proposedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [index('archive_disposals_org_idx').on(t.organizationId, t.proposedAt)],
);

export const archiveDisposalItems = pgTable(
  'archive_disposal_items',
  {
    disposalId: uuid()
      .notNull()
      .references(() => archiveDisposals.id, { onDelete: 'cascade' }),
    recordId: uuid()
      .notNull()
      .references(() => archiveRecords.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.disposalId, t.recordId] })],
);

/**
 * A finished resumable upload waiting to be filed as a record version. The file is already in
 * storage; the sweep job deletes stored objects that no row references after a grace period.
 */
export const archiveUploads = pgTable(
  'archive_uploads',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('archive_uploads_user_idx').on(t.userId, t.createdAt)],
);

export type ArchiveRecord = typeof archiveRecords.$inferSelect;
export type ArchiveVersion = typeof archiveVersions.$inferSelect;
