import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agendaItems, attendanceStatus, meetings } from './meetings';
import { bodies, organizations } from './organizations';
import { users } from './users';

/**
 * Ballots (lib/votes). A named vote (biểu quyết) records who chose what; a secret ballot on a
 * question and an election (bầu cử) record only that a member voted and, separately, per-option
 * counters — nothing links the two (see `secretTallies`).
 */
export const ballotKind = pgEnum('ballot_kind', ['named', 'secret', 'election']);

export const ballotStatus = pgEnum('ballot_status', ['open', 'closed']);

/** The answers of a question (named or secret); elections have candidates instead. */
export const ballotChoice = pgEnum('ballot_choice', ['agree', 'disagree', 'abstain']);

export const ballots = pgTable(
  'ballots',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The body's organisation, kept here so permission filters need no join. */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    /** Null for a written question outside meetings (lấy ý kiến bằng văn bản). */
    meetingId: uuid().references(() => meetings.id, { onDelete: 'restrict' }),
    agendaItemId: uuid().references(() => agendaItems.id, { onDelete: 'set null' }),
    kind: ballotKind().notNull(),
    status: ballotStatus().notNull().default('open'),
    question: text().notNull(),
    description: text(),
    /** Elections: seats to fill. */
    seats: integer(),
    /** The body's rules when the ballot opened (a later change of the rules does not alter it). */
    passNumerator: integer().notNull(),
    passDenominator: integer().notNull(),
    allowChange: boolean().notNull().default(false),
    /** Written questions: closed automatically at this time. */
    deadline: timestamp({ withTimezone: true }),
    /** All counted members of the body at opening (24-QĐ/TW §9.3): the base of the majority. */
    countedMembers: integer().notNull(),
    /** Of those, the ones who may vote (present, or online where the body allows). */
    eligibleVoters: integer().notNull(),
    openedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp({ withTimezone: true }),
    /** The count, fixed at close (lib/votes/counting.ts BallotResult). */
    result: jsonb().$type<Record<string, unknown>>(),
    /** Questions: passed under the body's rule; elections: every seat filled. Null while open. */
    passed: boolean(),
  },
  (t) => [
    index('ballots_body_idx').on(t.bodyId, t.openedAt),
    index('ballots_org_idx').on(t.organizationId, t.openedAt),
    index('ballots_meeting_idx').on(t.meetingId),
    index('ballots_agenda_item_idx').on(t.agendaItemId),
    index('ballots_deadline_idx').on(t.deadline).where(sql`${t.status} = 'open'`),
    // One ballot at a time in a meeting: tablets show "the" open ballot.
    uniqueIndex('ballots_one_open_per_meeting_idx')
      .on(t.meetingId)
      .where(sql`${t.status} = 'open' and ${t.meetingId} is not null`),
    check('ballots_seats', sql`(${t.kind} = 'election') = (${t.seats} is not null) and (${t.seats} is null or ${t.seats} > 0)`),
    check('ballots_written_has_deadline', sql`${t.meetingId} is not null or ${t.deadline} is not null`),
    check('ballots_closed_at', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
    check(
      'ballots_pass_fraction',
      sql`${t.passDenominator} > 0 and ${t.passNumerator} > 0 and ${t.passNumerator} < ${t.passDenominator}`,
    ),
    check('ballots_counts', sql`${t.eligibleVoters} >= 0 and ${t.eligibleVoters} <= ${t.countedMembers}`),
  ],
);

/** The answers of a question (one per choice) or the candidates of an election. */
export const ballotOptions = pgTable(
  'ballot_options',
  {
    id: uuid().primaryKey().defaultRandom(),
    ballotId: uuid()
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    label: text().notNull(),
    /** Set for questions, null for candidates. */
    choice: ballotChoice(),
  },
  (t) => [
    uniqueIndex('ballot_options_position_idx').on(t.ballotId, t.position),
    uniqueIndex('ballot_options_choice_idx').on(t.ballotId, t.choice),
    check('ballot_options_label', sql`length(trim(${t.label})) > 0`),
  ],
);

/**
 * The eligibility snapshot taken at opening: every counted member of the body, with their
 * attendance at that moment and whether they may vote. Later check-ins change nothing.
 */
export const ballotVoters = pgTable(
  'ballot_voters',
  {
    ballotId: uuid()
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    attendance: attendanceStatus(),
    mayVote: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.userId] }), index('ballot_voters_user_idx').on(t.userId)],
);

/**
 * The fact that a member voted — one row per voter and ballot, enforced by the primary key, so
 * a second vote fails in the database whatever the concurrency. Deliberately without any
 * timestamp or sequence: for secret ballots it must not be orderable against the counters.
 */
export const ballotParticipation = pgTable(
  'ballot_participation',
  {
    ballotId: uuid().notNull(),
    userId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ballotId, t.userId] }),
    foreignKey({ columns: [t.ballotId, t.userId], foreignColumns: [ballotVoters.ballotId, ballotVoters.userId] }).onDelete(
      'cascade',
    ),
  ],
);

/** Named votes only: who chose what (public by nature). */
export const namedVotes = pgTable(
  'named_votes',
  {
    ballotId: uuid().notNull(),
    userId: uuid().notNull(),
    optionId: uuid()
      .notNull()
      .references(() => ballotOptions.id, { onDelete: 'cascade' }),
    castAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** How many times the voter changed the vote (only where the body allows it). */
    changes: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.ballotId, t.userId] }),
    foreignKey({
      columns: [t.ballotId, t.userId],
      foreignColumns: [ballotParticipation.ballotId, ballotParticipation.userId],
    }).onDelete('cascade'),
    index('named_votes_option_idx').on(t.optionId),
  ],
);

/**
 * Secret ballots and elections: one counter per option, incremented in the cast transaction.
 * No voter column, no timestamp, no sequence: the choice exists only as a sum. Every cast
 * touches EVERY counter of the ballot (+1 or +0), so even the row versions' transaction ids
 * (xmin) say nothing about which option a voter chose. (Storage-level residue: see lib/votes/cast.ts.)
 */
export const secretTallies = pgTable(
  'secret_tallies',
  {
    optionId: uuid()
      .primaryKey()
      .references(() => ballotOptions.id, { onDelete: 'cascade' }),
    ballotId: uuid()
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    votes: integer().notNull().default(0),
  },
  (t) => [index('secret_tallies_ballot_idx').on(t.ballotId), check('secret_tallies_votes', sql`${t.votes} >= 0`)],
);

export const ballotsRelations = relations(ballots, ({ one, many }) => ({
  body: one(bodies, { fields: [ballots.bodyId], references: [bodies.id] }),
  meeting: one(meetings, { fields: [ballots.meetingId], references: [meetings.id] }),
  agendaItem: one(agendaItems, { fields: [ballots.agendaItemId], references: [agendaItems.id] }),
  options: many(ballotOptions),
}));

export const ballotOptionsRelations = relations(ballotOptions, ({ one }) => ({
  ballot: one(ballots, { fields: [ballotOptions.ballotId], references: [ballots.id] }),
}));

export type Ballot = typeof ballots.$inferSelect;
export type BallotKind = (typeof ballotKind.enumValues)[number];
export type BallotStatus = (typeof ballotStatus.enumValues)[number];
export type BallotChoice = (typeof ballotChoice.enumValues)[number];
