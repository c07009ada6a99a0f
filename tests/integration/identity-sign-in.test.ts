import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, type Database } from "~/db/database.server";
import { auditEvents, sessions, throttles, users } from "~/db/schema";
import { hashToken } from "~/identity/crypto.server";
import { lookupSession } from "~/identity/sessions.server";
import { completeSecondFactor, signIn, signOut, THROTTLE } from "~/identity/sign-in.server";
import { createOrganisation, createUser, TEST_PASSWORD } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import { createUserWithTotp } from "../support/two-factor";

const APP_SECRET = "test-secret-for-field-encryption-0123456789";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** An address no other test uses, so that per-address throttling never leaks between tests. */
const freshIp = () => `10.${[...randomBytes(3)].join(".")}`;

/** The audit events about an account: by the e-mail address it was tried with, or by its id. */
async function auditFor(who: { email?: string; userId?: string }, action: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, action),
        who.userId
          ? eq(auditEvents.entityId, who.userId)
          : sql`${auditEvents.details}->>'email' = ${who.email}`,
      ),
    );
}

async function sessionsOf(userId: string) {
  return database.db.select().from(sessions).where(eq(sessions.userId, userId));
}

function userWithTotp() {
  return createUserWithTotp(database.db, APP_SECRET);
}

/** A six-digit code that is none of the codes the server would accept right now. */
function wrongCode(totp: TOTP): string {
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((d) => totp.generate({ timestamp: now + d * 30_000 })));
  for (let n = 0; ; n++) {
    const code = String(n * 111_111).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

describe("sign-in", () => {
  it("creates a session that resolves to the user, and audits auth.signed_in", async () => {
    const project = await createOrganisation(database.db);
    const user = await createUser(database.db, [
      { organisationId: project.id, roleKey: "caseworker" },
    ]);
    const ip = freshIp();
    const result = await signIn(database.db, {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip,
      userAgent: "vitest",
    });
    expect(result.kind).toBe("signed-in");
    if (result.kind !== "signed-in") return;
    expect(result.userId).toBe(user.id);

    const [row] = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(result.token)));
    expect(row?.userId).toBe(user.id);
    expect(row?.secondFactorPending).toBe(false);
    expect(row?.ip).toBe(ip);
    // The raw token is never stored.
    expect(row?.id).not.toBe(result.token);

    const session = await lookupSession(database.db, result.token);
    expect(session.state).toBe("active");
    if (session.state !== "active") return;
    expect(session.viewer.id).toBe(user.id);
    expect(session.viewer.memberships.map((m) => [m.organisationId, m.roleKey])).toEqual([
      [project.id, "caseworker"],
    ]);

    const events = await auditFor({ userId: user.id }, "auth.signed_in");
    expect(events).toHaveLength(1);
    expect(events[0]?.actorUserId).toBe(user.id);
    expect(events[0]?.ip).toBe(ip);
  });

  it("answers invalid to a wrong password, creates no session, and audits auth.sign_in_failed", async () => {
    const user = await createUser(database.db, []);
    const before = (await sessionsOf(user.id)).length;
    const result = await signIn(database.db, {
      email: user.email,
      password: "not the password",
      ip: freshIp(),
    });
    expect(result).toEqual({ kind: "invalid" });
    expect(await sessionsOf(user.id)).toHaveLength(before);
    const events = await auditFor({ userId: user.id }, "auth.sign_in_failed");
    expect(events).toHaveLength(1);
    expect(events[0]?.actorUserId).toBeNull();
    expect(events[0]?.details).toEqual({ email: user.email });
  });

  it("answers invalid to an unknown e-mail address, and audits the attempt", async () => {
    const email = `nobody-${randomBytes(4).toString("hex")}@example.org`;
    const result = await signIn(database.db, { email, password: TEST_PASSWORD, ip: freshIp() });
    expect(result).toEqual({ kind: "invalid" });
    const events = await auditFor({ email }, "auth.sign_in_failed");
    expect(events).toHaveLength(1);
    expect(events[0]?.entityId).toBeNull();
  });

  it("does not let a disabled user sign in, even with the right password", async () => {
    const project = await createOrganisation(database.db);
    const user = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const signedIn = await signIn(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: freshIp(),
    });
    if (signedIn.kind !== "signed-in") throw new Error(signedIn.kind);
    await asSystem(database.db, (tx) =>
      tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id)),
    );
    // A session from before the account was disabled stops working at once.
    expect(await lookupSession(database.db, signedIn.token)).toEqual({ state: "none" });
    const before = (await sessionsOf(user.id)).length;
    const result = await signIn(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: freshIp(),
    });
    expect(result).toEqual({ kind: "invalid" });
    expect(await sessionsOf(user.id)).toHaveLength(before);
    expect(await auditFor({ userId: user.id }, "auth.signed_in")).toHaveLength(1);
    expect(await auditFor({ userId: user.id }, "auth.sign_in_failed")).toHaveLength(1);
  });
});

describe("sign-in throttling", () => {
  it(`refuses the ${THROTTLE.perAccount + 1}th attempt on an account after ${THROTTLE.perAccount} failures, even with the right password`, async () => {
    const user = await createUser(database.db, []);
    const before = (await sessionsOf(user.id)).length;
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      // From a different address each time: the account's own count is what trips.
      const result = await signIn(database.db, {
        email: user.email,
        password: `wrong ${i}`,
        ip: freshIp(),
      });
      expect(result, `attempt ${i + 1}`).toEqual({ kind: "invalid" });
    }
    const result = await signIn(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: freshIp(),
    });
    expect(result).toEqual({ kind: "throttled", retryAfterMinutes: THROTTLE.windowMinutes });
    expect(await sessionsOf(user.id)).toHaveLength(before);
    expect(await auditFor({ email: user.email }, "auth.sign_in_throttled")).toHaveLength(1);
    expect(await auditFor({ userId: user.id }, "auth.signed_in")).toEqual([]);
  });

  it("forgets failures older than the window", async () => {
    const user = await createUser(database.db, []);
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      await signIn(database.db, { email: user.email, password: "wrong", ip: freshIp() });
    }
    // The window ends: its counter's reset time has passed.
    await asSystem(database.db, (tx) =>
      tx
        .update(throttles)
        .set({ resetsAt: new Date(Date.now() - 1000) })
        .where(eq(throttles.key, `sign-in:account:${user.email.toLowerCase()}`)),
    );
    const result = await signIn(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: freshIp(),
    });
    expect(result.kind).toBe("signed-in");
  });

  it(`refuses an address after ${THROTTLE.perAddress} failures from it across different accounts`, async () => {
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      const result = await signIn(database.db, {
        email: `guess-${i}-${randomBytes(3).toString("hex")}@example.org`,
        password: "guess",
        ip,
      });
      expect(result, `attempt ${i + 1}`).toEqual({ kind: "invalid" });
    }
    // No single account has failed more than once, yet the address is refused, for anyone.
    const user = await createUser(database.db, []);
    const fromThatAddress = await signIn(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip,
    });
    expect(fromThatAddress.kind).toBe("throttled");
    expect(await auditFor({ email: user.email }, "auth.sign_in_throttled")).toHaveLength(1);
    // The same person from elsewhere is not affected.
    const fromElsewhere = await signIn(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: freshIp(),
    });
    expect(fromElsewhere.kind).toBe("signed-in");
  });
});

describe("second factor", () => {
  it("gives a pending session that is not a viewer, and a new token once the right code is entered", async () => {
    const { user, totp } = await userWithTotp();
    const before = (await sessionsOf(user.id)).length;
    const ip = freshIp();
    const first = await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    expect(first.kind).toBe("second-factor-required");
    if (first.kind !== "second-factor-required") return;
    expect(await auditFor({ userId: user.id }, "auth.password_accepted")).toHaveLength(1);
    expect(await auditFor({ userId: user.id }, "auth.signed_in")).toEqual([]);

    // The pending session lets nobody in.
    expect(await lookupSession(database.db, first.token)).toEqual({
      state: "second-factor-pending",
      userId: user.id,
    });

    const wrong = await completeSecondFactor(database.db, APP_SECRET, {
      pendingToken: first.token,
      code: wrongCode(totp),
      ip,
    });
    expect(wrong).toEqual({ kind: "invalid" });
    expect(await auditFor({ userId: user.id }, "auth.second_factor_failed")).toHaveLength(1);
    expect((await lookupSession(database.db, first.token)).state).toBe("second-factor-pending");

    const right = await completeSecondFactor(database.db, APP_SECRET, {
      pendingToken: first.token,
      code: totp.generate(),
      ip,
    });
    expect(right.kind).toBe("signed-in");
    if (right.kind !== "signed-in") return;
    expect(right.userId).toBe(user.id);
    expect(right.token).not.toBe(first.token);

    const session = await lookupSession(database.db, right.token);
    expect(session.state).toBe("active");
    if (session.state === "active") expect(session.viewer.twoFactorEnabled).toBe(true);

    // The token from before the second factor is worth nothing now.
    expect(await lookupSession(database.db, first.token)).toEqual({ state: "none" });
    const replay = await completeSecondFactor(database.db, APP_SECRET, {
      pendingToken: first.token,
      code: totp.generate(),
      ip,
    });
    expect(replay).toEqual({ kind: "invalid" });

    const signedIn = await auditFor({ userId: user.id }, "auth.signed_in");
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]?.details).toEqual({ secondFactor: "totp" });
    // The pending session was replaced, not kept beside the full one.
    expect(await sessionsOf(user.id)).toHaveLength(before + 1);
  });

  it("accepts a code once: the same code in a second sign-in is refused", async () => {
    const { user, totp } = await userWithTotp();
    const ip = freshIp();
    const code = totp.generate();
    const first = await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    if (first.kind !== "second-factor-required") throw new Error(first.kind);
    const used = await completeSecondFactor(database.db, APP_SECRET, {
      pendingToken: first.token,
      code,
      ip,
    });
    expect(used.kind).toBe("signed-in");
    const second = await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    if (second.kind !== "second-factor-required") throw new Error(second.kind);
    const replayed = await completeSecondFactor(database.db, APP_SECRET, {
      pendingToken: second.token,
      code,
      ip,
    });
    expect(replayed).toEqual({ kind: "invalid" });
    expect((await lookupSession(database.db, second.token)).state).toBe("second-factor-pending");
  });
});

describe("sign-out", () => {
  it("deletes the session and audits auth.signed_out", async () => {
    const user = await createUser(database.db, []);
    const ip = freshIp();
    const result = await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    if (result.kind !== "signed-in") throw new Error(result.kind);
    expect((await lookupSession(database.db, result.token)).state).toBe("active");

    await signOut(database.db, result.token, { userId: null, ip, requestId: "sign-out-test" });

    expect(await lookupSession(database.db, result.token)).toEqual({ state: "none" });
    const [row] = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(result.token)));
    expect(row).toBeUndefined();
    const events = await auditFor({ userId: user.id }, "auth.signed_out");
    expect(events).toHaveLength(1);
    expect(events[0]?.actorUserId).toBe(user.id);
    expect(events[0]?.requestId).toBe("sign-out-test");
  });

  it("does nothing, and audits nothing, for a token that is no session", async () => {
    const before = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.signed_out"));
    await signOut(database.db, "not-a-token", { userId: null, ip: freshIp() });
    const after = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.signed_out"));
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
