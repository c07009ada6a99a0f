import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    /** TOTP secret, encrypted at rest (see app/identity/crypto.server.ts). */
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The 30-second step of the last code accepted: a code is good for one sign-in only. */
    totpLastStep: bigint({ mode: "number" }),
    disabledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const roles = pgTable("roles", {
  key: text().primaryKey(),
  label: text().notNull(),
  scope: text({ enum: ["network", "project"] }).notNull(),
  description: text().notNull(),
});

export const permissions = pgTable("permissions", {
  key: text().primaryKey(),
  description: text().notNull(),
});

export const rolePermissions = pgTable(
  "role_permissions",
  {
    roleKey: text()
      .notNull()
      .references(() => roles.key, { onDelete: "cascade" }),
    permissionKey: text()
      .notNull()
      .references(() => permissions.key, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.roleKey, t.permissionKey] })],
);

/** A user's role in one organisation; access ends on `endsOn` without anyone acting. */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    roleKey: text()
      .notNull()
      .references(() => roles.key),
    startsOn: date({ mode: "string" }).notNull().default(sql`current_date`),
    endsOn: date({ mode: "string" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_role_key").on(t.userId, t.organisationId, t.roleKey),
    index("memberships_org_idx").on(t.organisationId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie token: a leaked table does not yield usable cookies. */
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secondFactorPending: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const passwordTokens = pgTable("password_tokens", {
  /** sha256 of the e-mailed token. */
  id: text().primaryKey(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  purpose: text({ enum: ["reset", "invite"] }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});

/**
 * Form submissions already carried out, by their one-time key (`_submission`, a hidden field
 * every form carries): a double click, or Back and resend, finds its key here and is sent on
 * to where the first submission went instead of running again.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: uuid("key").notNull(),
    location: text("location").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    index("form_submissions_created_idx").on(t.createdAt),
  ],
);
