import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  bigint,
  index,
  inet,
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

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    isAdmin: boolean().notNull().default(false),
    disabledAt: timestamp({ withTimezone: true }),
    /** Base32 TOTP secret; set while enrolling, active once totpEnabledAt is set. */
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** Last accepted TOTP time step: a code is never accepted twice. */
    totpLastStep: bigint({ mode: 'number' }),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_idx').on(sql`lower(${t.email})`)],
);

export const membershipRole = pgEnum('membership_role', [
  'secretary', // Bí thư
  'deputy_secretary', // Phó Bí thư
  'standing_member', // Ủy viên Ban Thường vụ
  'committee_member', // Ủy viên Ban Chấp hành
  'member', // Đảng viên
  'clerk', // Văn phòng / văn thư
]);

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: membershipRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organizationId, t.role] }),
    index('memberships_org_idx').on(t.organizationId),
  ],
);

export const seatStatus = pgEnum('seat_status', [
  'active',
  'temporarily_transferred', // biệt phái / chuyển sinh hoạt tạm thời
  'exempted', // miễn sinh hoạt
  'suspended', // đình chỉ sinh hoạt
  'detained', // bị tạm giam — not counted (Regulation 24-QĐ/TW §9.3)
]);

export const bodySeats = pgTable(
  'body_seats',
  {
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Title on the body, e.g. Bí thư, Ủy viên. */
    title: text(),
    status: seatStatus().notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.userId] }), index('body_seats_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: inet(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins per account key (lower-cased e-mail), so limits hold across instances. */
export const loginThrottle = pgTable('login_throttle', {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  lastFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Roles whose holders must use a second factor (set by an admin). */
export const totpRequirements = pgTable('totp_requirements', {
  role: text().primaryKey(), // a membership role, or 'admin'
  requiredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
  seats: many(bodySeats),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  organization: one(organizations, {
    fields: [memberships.organizationId],
    references: [organizations.id],
  }),
}));

export const bodySeatsRelations = relations(bodySeats, ({ one }) => ({
  body: one(bodies, { fields: [bodySeats.bodyId], references: [bodies.id] }),
  user: one(users, { fields: [bodySeats.userId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type MembershipRole = (typeof membershipRole.enumValues)[number];
export type SeatStatus = (typeof seatStatus.enumValues)[number];
