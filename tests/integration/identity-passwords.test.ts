import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "~/access/acting";
import { asSystem, asUser, type Database } from "~/db/database.server";
import { auditEvents, emailOutbox, passwordTokens, sessions, users } from "~/db/schema";
import { verifyPassword } from "~/identity/passwords.server";
import {
  changePassword,
  checkPasswordToken,
  endOtherSessions,
  requestPasswordReset,
  resetPassword,
} from "~/identity/passwords-flow.server";
import { createSession, lookupSession } from "~/identity/sessions.server";
import type { Mailer } from "~/mail/mailer.server";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { mailboxMailer } from "../support/mailbox";
import { createTestDatabase } from "../support/test-database";

const PUBLIC_URL = "https://clearname.test";
const NEW_PASSWORD = "a brand new passphrase";

let database: Database;
let mailer: Mailer;
let mailbox: ReturnType<typeof mailboxMailer>;
beforeAll(async () => {
  database = await createTestDatabase();
  // The link reaches its recipient only: these tests read it from the delivered e-mail.
  mailbox = mailboxMailer(database.db);
  mailer = mailbox.mailer;
});
afterAll(async () => {
  await database?.close();
});

const actor = () => ({
  userId: null,
  ip: "192.0.2.10",
  requestId: `pw-${randomBytes(3).toString("hex")}`,
});

async function outboxTo(email: string) {
  return database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
}

async function auditOf(action: string, where: { userId?: string; email?: string }) {
  return database.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, action),
        where.userId
          ? eq(auditEvents.entityId, where.userId)
          : sql`${auditEvents.details}->>'email' = ${where.email}`,
      ),
    );
}

async function storedHash(userId: string): Promise<string | null> {
  const [row] = await database.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

/** Asks for a reset link the way the forgot-password page does, and reads it from the e-mail. */
async function resetLinkFor(email: string): Promise<string> {
  await requestPasswordReset(database.db, mailer, { email, publicUrl: PUBLIC_URL, actor: actor() });
  return mailbox.lastTokenTo(email);
}

async function newSession(userId: string): Promise<string> {
  return asSystem(database.db, (tx) => createSession(tx, { userId, secondFactorPending: false }));
}

describe("requesting a password reset", () => {
  it("puts an e-mail with a working link in the outbox for a known user, and audits it", async () => {
    const user = await createUser(database.db, []);
    // The address is matched without regard to case; the e-mail goes to the stored one.
    await requestPasswordReset(database.db, mailer, {
      email: user.email.toUpperCase(),
      publicUrl: PUBLIC_URL,
      actor: actor(),
    });
    const token = mailbox.lastTokenTo(user.email);
    const mail = await outboxTo(user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Reset your Clearname password");
    expect(mail[0]?.status).toBe("sent");
    // The outbox records the e-mail, never its link.
    expect(mail[0]?.textBody).not.toContain(token);
    expect(await checkPasswordToken(database.db, token)).toEqual({
      ok: true,
      userId: user.id,
      purpose: "reset",
      email: user.email,
    });
    const events = await auditOf("auth.password_reset_requested", { userId: user.id });
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({ known: true });
  });

  it("sends nothing for an unknown address, but still audits the request", async () => {
    const email = `unknown-${randomBytes(4).toString("hex")}@example.org`;
    const outboxBefore = await database.db.select({ id: emailOutbox.id }).from(emailOutbox);
    await requestPasswordReset(database.db, mailer, {
      email,
      publicUrl: PUBLIC_URL,
      actor: actor(),
    });
    expect(await outboxTo(email)).toEqual([]);
    const outboxAfter = await database.db.select({ id: emailOutbox.id }).from(emailOutbox);
    expect(outboxAfter).toHaveLength(outboxBefore.length);
    const events = await auditOf("auth.password_reset_requested", { email });
    expect(events).toHaveLength(1);
    expect(events[0]?.entityId).toBeNull();
    expect(events[0]?.details).toMatchObject({ known: false });
  });

  it("makes an earlier, unused link stop working when a new one is sent", async () => {
    const user = await createUser(database.db, []);
    const first = await resetLinkFor(user.email);
    const second = await resetLinkFor(user.email);
    expect(second).not.toBe(first);
    expect(await checkPasswordToken(database.db, first)).toEqual({ ok: false });
    expect((await checkPasswordToken(database.db, second)).ok).toBe(true);
  });
});

describe("resetting a password from a link", () => {
  it("works once, sets the password and ends every session of the user", async () => {
    const user = await createUser(database.db, []);
    const other = await createUser(database.db, []);
    const sessionA = await newSession(user.id);
    const sessionB = await newSession(user.id);
    const othersSession = await newSession(other.id);
    const token = await resetLinkFor(user.email);

    const ok = await resetPassword(database.db, { token, password: NEW_PASSWORD, actor: actor() });
    expect(ok).toBe(true);

    expect(await verifyPassword(await storedHash(user.id), NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(await storedHash(user.id), TEST_PASSWORD)).toBe(false);
    expect(await lookupSession(database.db, sessionA)).toEqual({ state: "none" });
    expect(await lookupSession(database.db, sessionB)).toEqual({ state: "none" });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual(
      [],
    );
    // Nobody else is signed out.
    expect((await lookupSession(database.db, othersSession)).state).toBe("active");
    const events = await auditOf("auth.password_reset", { userId: user.id });
    expect(events).toHaveLength(1);
    expect(events[0]?.actorUserId).toBe(user.id);

    const again = await resetPassword(database.db, {
      token,
      password: "yet another passphrase",
      actor: actor(),
    });
    expect(again).toBe(false);
    expect(await verifyPassword(await storedHash(user.id), NEW_PASSWORD)).toBe(true);
  });

  it("refuses an expired link and leaves the password as it was", async () => {
    const user = await createUser(database.db, []);
    const session = await newSession(user.id);
    const token = await resetLinkFor(user.email);
    await asSystem(database.db, (tx) =>
      tx
        .update(passwordTokens)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(passwordTokens.userId, user.id)),
    );
    expect(await checkPasswordToken(database.db, token)).toEqual({ ok: false });
    const ok = await resetPassword(database.db, { token, password: NEW_PASSWORD, actor: actor() });
    expect(ok).toBe(false);
    expect(await verifyPassword(await storedHash(user.id), TEST_PASSWORD)).toBe(true);
    expect((await lookupSession(database.db, session)).state).toBe("active");
    expect(await auditOf("auth.password_reset", { userId: user.id })).toEqual([]);
  });
});

describe("changing one's password", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const user = await createUser(database.db, []);
    const before = await storedHash(user.id);
    const result = await asUser(database.db, user.id, (tx) =>
      changePassword(tx, actorOf(user.acting), {
        current: "not my password",
        password: NEW_PASSWORD,
        sessionToken: "",
      }),
    );
    expect(result).toMatchObject({ ok: false, field: "current" });
    expect(await storedHash(user.id)).toBe(before);
    expect(await auditOf("auth.password_changed", { userId: user.id })).toEqual([]);
  });

  it("accepts the right current password, as the user under row-level security, and audits it", async () => {
    const user = await createUser(database.db, []);
    const result = await asUser(database.db, user.id, (tx) =>
      changePassword(tx, actorOf(user.acting), {
        current: TEST_PASSWORD,
        password: NEW_PASSWORD,
        sessionToken: "",
      }),
    );
    expect(result).toEqual({ ok: true });
    expect(await verifyPassword(await storedHash(user.id), NEW_PASSWORD)).toBe(true);
    const events = await auditOf("auth.password_changed", { userId: user.id });
    expect(events).toHaveLength(1);
    expect(events[0]?.actorUserId).toBe(user.id);
  });

  it("ends the user's other sessions but keeps the one in hand, and no one else's", async () => {
    const user = await createUser(database.db, []);
    const other = await createUser(database.db, []);
    const keep = await newSession(user.id);
    const elsewhere1 = await newSession(user.id);
    const elsewhere2 = await newSession(user.id);
    const othersSession = await newSession(other.id);

    await endOtherSessions(database.db, user.id, keep);

    expect((await lookupSession(database.db, keep)).state).toBe("active");
    expect(await lookupSession(database.db, elsewhere1)).toEqual({ state: "none" });
    expect(await lookupSession(database.db, elsewhere2)).toEqual({ state: "none" });
    const left = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(left).toHaveLength(1);
    expect((await lookupSession(database.db, othersSession)).state).toBe("active");
  });
});
