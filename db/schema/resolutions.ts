import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { recordType } from './archive';
import { agendaItems, meetings } from './meetings';
import { organizations } from './organizations';
import { users } from './users';
import { ballots } from './votes';

/**
 * How an organisation signs its documents (Guidance 36-HD/VPTW): the issuer code in the number
 * (`HU` in `09-NQ/HU`), the code of its congress documents, and the header lines of the page.
 */
export const documentIssuers = pgTable(
  'document_issuers',
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    /** Congress documents (văn bản đại hội) are numbered in one sequence under this code. */
    congressCode: text().notNull().default('ĐH'),
    /** The line above the issuer in the header, e.g. `ĐẢNG BỘ TỈNH HÀ NAM`; none at the top level. */
    superiorName: text(),
    /** The issuer as printed in the header, e.g. `HUYỆN ỦY KIM BẢNG`. */
    headerName: text().notNull(),
    /** Place name before the date, e.g. `Kim Bảng, ngày …`. */
    place: text().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The same rule as organisation codes (lib/organizations/admin.ts CODE_PATTERN).
    check('document_issuers_code_format', sql`${t.code} ~ '^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$' and length(${t.code}) <= 20`),
    check(
      'document_issuers_congress_code_format',
      sql`${t.congressCode} ~ '^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$' and length(${t.congressCode}) <= 20`,
    ),
  ],
);

/**
 * A committee term (nhiệm kỳ): numbering restarts with each. The current term is the one whose
 * dates contain today; terms of one organisation never overlap (exclusion constraint, custom
 * migration).
 */
export const committeeTerms = pgTable(
  'committee_terms',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('committee_terms_org_name_idx').on(t.organizationId, t.name),
    index('committee_terms_org_starts_idx').on(t.organizationId, t.startsOn),
    check('committee_terms_dates', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * The last number given in each series: per issuer, per term, per document type (or `congress`
 * for the shared congress sequence). Taken with one upsert, so concurrent issues queue on the row;
 * a rolled-back transaction gives its number back. Only ever increases (trigger).
 */
export const documentNumberSeries = pgTable(
  'document_number_series',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    termId: uuid()
      .notNull()
      .references(() => committeeTerms.id, { onDelete: 'restrict' }),
    series: text().notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.termId, t.series] }),
    check('document_number_series_positive', sql`${t.lastNumber} >= 1`),
  ],
);

export const resolutionStatus = pgEnum('resolution_status', [
  'draft', // editable, no number
  'reserved', // a number is held; content still editable, type fixed
  'issued', // signed and issued: immutable
  'void', // its reserved number was abandoned: kept as the record of a number never given again
]);

/**
 * A document issued by a committee after a decision: resolution (NQ), conclusion (KL) and the
 * other Party document types. Rows with a number are never deleted and never renumbered; issued
 * and void rows are immutable (triggers, custom migration).
 */
export const resolutions = pgTable(
  'resolutions',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The issuing organisation. */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    type: recordType().notNull(),
    /** A congress document: numbered in the congress sequence under the congress code. */
    congress: boolean().notNull().default(false),
    status: resolutionStatus().notNull().default('draft'),
    /** Trích yếu: the subject line. */
    title: text().notNull(),
    body: text().notNull().default(''),
    /** Nơi nhận: recipients, one per line. */
    recipients: text().notNull().default(''),
    /** Signing capacity above the title, e.g. `T/M BAN THƯỜNG VỤ`. */
    signingCapacity: text(),
    signerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Frozen at issue with the rest: the name and title as signed. */
    signerName: text(),
    signerTitle: text(),
    meetingId: uuid().references(() => meetings.id, { onDelete: 'set null' }),
    agendaItemId: uuid().references(() => agendaItems.id, { onDelete: 'set null' }),
    /** The vote that passed the decision (lib/votes). */
    ballotId: uuid().references(() => ballots.id, { onDelete: 'set null' }),
    // Numbering: set together when a number is reserved or given at issue, then never changed.
    termId: uuid().references(() => committeeTerms.id, { onDelete: 'restrict' }),
    series: text(),
    number: integer(),
    /** As printed, e.g. `09-NQ/HU`; frozen even if the issuer code changes later. */
    numberSymbol: text(),
    numberedAt: timestamp({ withTimezone: true }),
    numberedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    issuedOn: date({ mode: 'string' }),
    issuedAt: timestamp({ withTimezone: true }),
    issuedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    pdfStorageKey: text(),
    pdfSha256: text(),
    voidedAt: timestamp({ withTimezone: true }),
    voidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    voidReason: text(),
    /** Optimistic locking for draft edits: a save must name the lockVersion it edited. */
    lockVersion: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('resolutions_number_idx')
      .on(t.organizationId, t.termId, t.series, t.number)
      .where(sql`${t.number} is not null`),
    index('resolutions_org_created_idx').on(t.organizationId, t.createdAt),
    index('resolutions_meeting_idx').on(t.meetingId),
    index('resolutions_agenda_item_idx').on(t.agendaItemId),
    index('resolutions_ballot_idx').on(t.ballotId),
    check('resolutions_type_numbered', sql`${t.type} <> 'other'`),
    check('resolutions_title_nonempty', sql`length(trim(${t.title})) > 0`),
    check(
      'resolutions_number_state',
      sql`(${t.status} = 'draft' and ${t.number} is null and ${t.termId} is null and ${t.series} is null and ${t.numberSymbol} is null)
        or (${t.status} <> 'draft' and ${t.number} >= 1 and ${t.termId} is not null and ${t.series} is not null and ${t.numberSymbol} is not null and ${t.numberedAt} is not null)`,
    ),
    check(
      'resolutions_series_matches',
      sql`${t.series} is null or ${t.series} = case when ${t.congress} then 'congress' else ${t.type}::text end`,
    ),
    check(
      'resolutions_issued_complete',
      sql`${t.status} <> 'issued' or (${t.issuedOn} is not null and ${t.issuedAt} is not null and ${t.signerName} is not null and ${t.pdfSha256} is not null and ${t.pdfStorageKey} is not null)`,
    ),
    check('resolutions_void_recorded', sql`${t.status} <> 'void' or ${t.voidedAt} is not null`),
  ],
);

export const resolutionsRelations = relations(resolutions, ({ one }) => ({
  organization: one(organizations, { fields: [resolutions.organizationId], references: [organizations.id] }),
  term: one(committeeTerms, { fields: [resolutions.termId], references: [committeeTerms.id] }),
  meeting: one(meetings, { fields: [resolutions.meetingId], references: [meetings.id] }),
  agendaItem: one(agendaItems, { fields: [resolutions.agendaItemId], references: [agendaItems.id] }),
  ballot: one(ballots, { fields: [resolutions.ballotId], references: [ballots.id] }),
}));

export type Resolution = typeof resolutions.$inferSelect;
export type ResolutionStatus = (typeof resolutionStatus.enumValues)[number];
export type DocumentIssuer = typeof documentIssuers.$inferSelect;
export type CommitteeTerm = typeof committeeTerms.$inferSelect;
