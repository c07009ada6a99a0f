import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, type Database } from "~/db/database.server";
import { sessions } from "~/db/schema";
import { hashToken } from "~/identity/crypto.server";
import { createSession, lookupSession } from "~/identity/sessions.server";
import { createUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** A signed-in session whose last request was `minutes` ago. */
async function sessionLastSeen(minutes: number): Promise<string> {
  const user = await createUser(database.db, []);
  const token = await asSystem(database.db, (tx) =>
    createSession(tx, { userId: user.id, secondFactorPending: false }),
  );
  await database.db
    .update(sessions)
    .set({ lastSeenAt: minutesAgo(minutes) })
    .where(eq(sessions.id, hashToken(token)));
  return token;
}

async function lastSeen(token: string): Promise<Date | undefined> {
  const [row] = await database.db
    .select({ lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return row?.lastSeenAt;
}

describe("the idle time-out of a session", () => {
  it("refuses a session left idle past the limit, though its 14 days are not over", async () => {
    const token = await sessionLastSeen(31);
    expect((await lookupSession(database.db, token, { idleMinutes: 30 })).state).toBe("none");
    // Refused, it is not woken up by the attempt either.
    expect((await lastSeen(token))?.getTime()).toBeLessThan(minutesAgo(30).getTime());
    expect((await lookupSession(database.db, token, { idleMinutes: 30 })).state).toBe("none");
  });

  it("keeps an active session, and each request moves its idle limit on", async () => {
    const token = await sessionLastSeen(29);
    expect((await lookupSession(database.db, token, { idleMinutes: 30 })).state).toBe("active");
    // The request was seen: the same session is still active 29 minutes later.
    expect((await lastSeen(token))?.getTime()).toBeGreaterThan(minutesAgo(1).getTime());
  });

  it("takes the limit it is given (SESSION_IDLE_MINUTES), and 30 minutes by default", async () => {
    const token = await sessionLastSeen(45);
    expect((await lookupSession(database.db, token, { idleMinutes: 60 })).state).toBe("active");
    const other = await sessionLastSeen(45);
    expect((await lookupSession(database.db, other)).state).toBe("none");
  });

  it("writes last_seen_at at most once a minute, not on every request", async () => {
    const token = await sessionLastSeen(0.5);
    const before = await lastSeen(token);
    expect((await lookupSession(database.db, token)).state).toBe("active");
    expect(await lastSeen(token)).toEqual(before);
  });
});
