import { relations, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
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
import { bodies, organizations } from './organizations';
import { users } from './users';

export const meetingKind = pgEnum('meeting_kind', [
  'regular', // sinh hoạt định kỳ (monthly for cells)
  'thematic', // sinh hoạt chuyên đề (quarterly for cells)
  'extraordinary', // bất thường
]);

export const meetingStatus = pgEnum('meeting_status', [
  'draft',
  'invited',
  'in_progress',
  'closed',
  'minutes_approved',
  'cancelled',
]);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The body's organisation, kept here so permission filters need no join. */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    kind: meetingKind().notNull(),
    title: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    location: text(),
    onlineUrl: text(),
    chairId: uuid().references(() => users.id, { onDelete: 'set null' }),
    minuteTakerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    status: meetingStatus().notNull().default('draft'),
    /** The agenda item the chair has moved to (live meeting). */
    currentAgendaItemId: uuid(),
    currentItemStartedAt: timestamp({ withTimezone: true }),
    /** Bumped on every agenda change, so two people reordering at once cannot both win. */
    agendaVersion: integer().notNull().default(0),
    cancelReason: text(),
    programmeItemId: uuid().references((): AnyPgColumn => programmeItems.id, { onDelete: 'set null' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    invitedAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('meetings_body_starts_idx').on(t.bodyId, t.startsAt),
    index('meetings_org_starts_idx').on(t.organizationId, t.startsAt),
    check('meetings_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
    // Overlapping meetings of one body are refused by an exclusion constraint (migration 0003).
  ],
);

export const agendaItemKind = pgEnum('agenda_item_kind', ['report', 'discussion', 'decision', 'election']);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    title: text().notNull(),
    presenter: text(),
    plannedMinutes: integer(),
    kind: agendaItemKind().notNull().default('report'),
    hiddenFromGuests: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId, t.position),
    check('agenda_items_planned_minutes', sql`${t.plannedMinutes} is null or ${t.plannedMinutes} between 1 and 600`),
  ],
);

/** Files of a meeting pack; content-addressed in the storage folder (`storageKey` = SHA-256). */
export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid().references(() => agendaItems.id, { onDelete: 'set null' }),
    title: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_documents_meeting_idx').on(t.meetingId)],
);

export const invitationResponse = pgEnum('invitation_response', ['pending', 'attending', 'excused']);

/** Invitees: the body's seats when invitations are sent, plus named guests (never counted for quorum). */
export const invitations = pgTable(
  'invitations',
  {
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    isGuest: boolean().notNull().default(false),
    response: invitationResponse().notNull().default('pending'),
    reason: text(),
    respondedAt: timestamp({ withTimezone: true }),
    notifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('invitations_user_idx').on(t.userId)],
);

export const attendanceStatus = pgEnum('attendance_status', [
  'present',
  'online',
  'late',
  'excused_absent',
  'unexcused_absent',
]);

export const attendance = pgTable(
  'attendance',
  {
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: attendanceStatus().notNull(),
    checkedInAt: timestamp({ withTimezone: true }),
    /** Who recorded it: the member themself, or the clerk. */
    markedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const speakerStatus = pgEnum('speaker_status', ['waiting', 'speaking', 'done', 'withdrawn']);

export const speakerRequests = pgTable(
  'speaker_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid().references(() => agendaItems.id, { onDelete: 'set null' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: speakerStatus().notNull().default('waiting'),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('speaker_requests_meeting_idx').on(t.meetingId, t.requestedAt),
    // One open request per member per meeting.
    uniqueIndex('speaker_requests_open_idx')
      .on(t.meetingId, t.userId)
      .where(sql`${t.status} in ('waiting', 'speaking')`),
  ],
);

export const minutesStatus = pgEnum('minutes_status', ['draft', 'approved']);

/** Biên bản. An approved version is immutable; a correction is a new version with a reason. */
export const minutes = pgTable(
  'minutes',
  {
    id: uuid().primaryKey().defaultRandom(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer().notNull().default(1),
    body: text().notNull(),
    status: minutesStatus().notNull().default('draft'),
    /** Optimistic locking: a save must name the lockVersion it edited. */
    lockVersion: integer().notNull().default(0),
    correctionReason: text(),
    chairApprovedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    chairApprovedAt: timestamp({ withTimezone: true }),
    secretaryApprovedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    secretaryApprovedAt: timestamp({ withTimezone: true }),
    pdfStorageKey: text(),
    pdfSha256: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('minutes_meeting_version_idx').on(t.meetingId, t.version)],
);

/** In-app notifications (e-mail goes out too when SMTP is configured). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text(),
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Chương trình công tác: a body's plan of meetings for a year. */
export const workProgrammes = pgTable(
  'work_programmes',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    year: integer().notNull(),
    title: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('work_programmes_body_year_idx').on(t.bodyId, t.year)],
);

export const programmeItems = pgTable(
  'programme_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => workProgrammes.id, { onDelete: 'cascade' }),
    /** 1–12 for monthly items, null otherwise. */
    month: integer(),
    /** 1–4 for quarterly items, null otherwise. */
    quarter: integer(),
    plannedDate: date(),
    kind: meetingKind().notNull(),
    topic: text().notNull(),
    meetingId: uuid().references(() => meetings.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('programme_items_programme_idx').on(t.programmeId),
    check('programme_items_month', sql`${t.month} is null or ${t.month} between 1 and 12`),
    check('programme_items_quarter', sql`${t.quarter} is null or ${t.quarter} between 1 and 4`),
  ],
);

export const meetingsRelations = relations(meetings, ({ one, many }) => ({
  body: one(bodies, { fields: [meetings.bodyId], references: [bodies.id] }),
  organization: one(organizations, { fields: [meetings.organizationId], references: [organizations.id] }),
  agendaItems: many(agendaItems),
  invitations: many(invitations),
  attendance: many(attendance),
  documents: many(meetingDocuments),
}));

export const agendaItemsRelations = relations(agendaItems, ({ one }) => ({
  meeting: one(meetings, { fields: [agendaItems.meetingId], references: [meetings.id] }),
}));

export type Meeting = typeof meetings.$inferSelect;
export type MeetingKind = (typeof meetingKind.enumValues)[number];
export type MeetingStatus = (typeof meetingStatus.enumValues)[number];
export type AttendanceStatus = (typeof attendanceStatus.enumValues)[number];
export type AgendaItemKind = (typeof agendaItemKind.enumValues)[number];
