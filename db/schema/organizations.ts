import { relations, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const organizationKind = pgEnum('organization_kind', [
  'provincial_committee', // Tỉnh ủy
  'district_committee', // Huyện ủy
  'grassroots_committee', // Đảng ủy cơ sở
  'cell', // Chi bộ
]);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid().primaryKey().defaultRandom(),
    parentId: uuid().references((): AnyPgColumn => organizations.id, { onDelete: 'restrict' }),
    kind: organizationKind().notNull(),
    name: text().notNull(),
    /** Issuer code in document numbers, e.g. HU in `09-NQ/HU`. */
    code: text().notNull(),
    /** Current committee term, e.g. `2025–2030`; document numbering restarts each term. */
    currentTerm: text().notNull(),
    /** Materialised path of ids from the root, `/root/…/self/`, for subtree checks in SQL. */
    path: text().notNull(),
    depth: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_parent_idx').on(t.parentId),
    uniqueIndex('organizations_path_idx').on(t.path),
    index('organizations_path_prefix_idx').using('btree', t.path.op('text_pattern_ops')),
    check('organizations_code_nonempty', sql`length(trim(${t.code})) > 0`),
  ],
);

export const bodyKind = pgEnum('body_kind', [
  'executive_committee', // Ban Chấp hành
  'standing_committee', // Ban Thường vụ
  'standing_board', // Thường trực
  'cell_assembly', // toàn thể đảng viên chi bộ
]);

export const bodies = pgTable(
  'bodies',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: bodyKind().notNull(),
    name: text().notNull(),
    /** Quorum as a fraction of counted members that must be exceeded (default: more than 1/2). */
    quorumNumerator: integer().notNull().default(1),
    quorumDenominator: integer().notNull().default(2),
    /**
     * Votes (lib/votes): a resolution passes when "agree" exceeds this fraction of ALL counted
     * members of the body (24-QĐ/TW §9.3), not of those voting. Default: more than 1/2.
     */
    votePassNumerator: integer().notNull().default(1),
    votePassDenominator: integer().notNull().default(2),
    /** Whether members taking part online may vote (otherwise only those in the room). */
    voteAllowRemote: boolean().notNull().default(false),
    /** Whether a named vote may be changed before the ballot closes (never for secret ballots). */
    voteAllowChange: boolean().notNull().default(false),
    /** Candidates may exceed seats by at most this percentage (Decision 190-QĐ/TW: 30 %). */
    electionSurplusPercent: integer().notNull().default(30),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bodies_org_kind_idx').on(t.organizationId, t.kind),
    check(
      'bodies_quorum_fraction',
      sql`${t.quorumDenominator} > 0 and ${t.quorumNumerator} > 0 and ${t.quorumNumerator} < ${t.quorumDenominator}`,
    ),
    check(
      'bodies_vote_pass_fraction',
      sql`${t.votePassDenominator} > 0 and ${t.votePassNumerator} > 0 and ${t.votePassNumerator} < ${t.votePassDenominator}`,
    ),
    check('bodies_election_surplus', sql`${t.electionSurplusPercent} between 0 and 100`),
  ],
);

export const organizationsRelations = relations(organizations, ({ one, many }) => ({
  parent: one(organizations, {
    fields: [organizations.parentId],
    references: [organizations.id],
    relationName: 'tree',
  }),
  children: many(organizations, { relationName: 'tree' }),
  bodies: many(bodies),
}));

export const bodiesRelations = relations(bodies, ({ one }) => ({
  organization: one(organizations, {
    fields: [bodies.organizationId],
    references: [organizations.id],
  }),
}));

export type Organization = typeof organizations.$inferSelect;
export type OrganizationKind = (typeof organizationKind.enumValues)[number];
export type Body = typeof bodies.$inferSelect;
export type BodyKind = (typeof bodyKind.enumValues)[number];
