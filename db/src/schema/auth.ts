import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { regions } from './regions';

export const userRole = pgEnum('user_role', ['admin', 'officer', 'consultant', 'viewer']);

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: varchar({ length: 320 }).notNull(),
    displayName: varchar({ length: 200 }).notNull(),
    role: userRole().notNull(),
    /** argon2id hash in PHC string format. */
    passwordHash: varchar({ length: 200 }).notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('users_email_lower').on(sql`lower(${t.email})`)],
);

/** The regions whose statuses an officer may edit. */
export const userRegions = pgTable(
  'user_regions',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionId] })],
);

/** Server-side sessions; the cookie carries a random token whose SHA-256 is the id. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: varchar({ length: 64 }).primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: varchar({ length: 64 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_expires').on(t.expiresAt)],
);

/**
 * Sign-in attempts, for rate limiting. Kept in the database rather than in
 * memory so that every API instance behind a load balancer sees the same count.
 * `succeeded` is null while the password is still being checked: such an
 * attempt is no failure (decision 003), it only bounds parallel guesses.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    emailLower: varchar({ length: 320 }).notNull(),
    clientAddress: varchar({ length: 64 }).notNull(),
    succeeded: boolean(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_email_time').on(t.emailLower, t.attemptedAt),
    index('login_attempts_address_time').on(t.clientAddress, t.attemptedAt),
  ],
);
