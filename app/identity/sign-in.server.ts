import { and, eq, gt, sql } from "drizzle-orm";
import { type Actor, recordAuditEvent } from "~/audit/record-audit-event.server";
import { asSystem, type Db, toInt } from "~/db/database.server";
import { sessions, signInFailures, users } from "~/db/schema";
import { hashToken } from "./crypto.server";
import { verifyPassword } from "./passwords.server";
import { createSession } from "./sessions.server";
import { totpStep } from "./two-factor.server";

export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

export type SignInResult =
  | { kind: "signed-in"; token: string; userId: string }
  | { kind: "second-factor-required"; token: string; userId: string }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterMinutes: number };

async function isThrottled(db: Db, email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
  const [row] = await db
    .select({
      account: sql`count(*) filter (where ${signInFailures.email} = ${email})`,
      address: sql`count(*) filter (where ${signInFailures.ip} = ${ip})`,
    })
    .from(signInFailures)
    .where(
      and(
        gt(signInFailures.at, since),
        sql`(${signInFailures.email} = ${email} or ${signInFailures.ip} = ${ip})`,
      ),
    );
  return (
    toInt(row?.account ?? 0) >= THROTTLE.perAccount ||
    toInt(row?.address ?? 0) >= THROTTLE.perAddress
  );
}

/**
 * Checks an e-mail address and password. Throttled per account and per address; every
 * outcome is audited. A user with a second factor gets a pending session to finish with
 * `completeSecondFactor`.
 */
export async function signIn(
  db: Db,
  input: {
    email: string;
    password: string;
    ip: string;
    userAgent?: string | null;
    requestId?: string | null;
  },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const actor: Actor = { userId: null, ip: input.ip, requestId: input.requestId };
  if (await isThrottled(db, email, input.ip)) {
    await asSystem(db, (tx) =>
      recordAuditEvent(tx, actor, {
        action: "auth.sign_in_throttled",
        entityType: "user",
        details: { email },
      }),
    );
    return { kind: "throttled", retryAfterMinutes: THROTTLE.windowMinutes };
  }
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const ok = await verifyPassword(
    user && !user.disabledAt ? user.passwordHash : null,
    input.password,
  );
  if (!user || !ok) {
    await asSystem(db, async (tx) => {
      await tx.insert(signInFailures).values({ email, ip: input.ip });
      await recordAuditEvent(tx, actor, {
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? null,
        details: { email },
      });
    });
    return { kind: "invalid" };
  }
  const pending = user.totpEnabledAt !== null;
  const token = await asSystem(db, async (tx) => {
    await tx.delete(signInFailures).where(eq(signInFailures.email, email));
    await recordAuditEvent(
      tx,
      { ...actor, userId: user.id },
      {
        action: pending ? "auth.password_accepted" : "auth.signed_in",
        entityType: "user",
        entityId: user.id,
      },
    );
    return createSession(tx, {
      userId: user.id,
      secondFactorPending: pending,
      ip: input.ip,
      userAgent: input.userAgent,
    });
  });
  return pending
    ? { kind: "second-factor-required", token, userId: user.id }
    : { kind: "signed-in", token, userId: user.id };
}

/**
 * Finishes a sign-in with a TOTP code: the pending session is replaced by a new, full one
 * (a fresh token, so a token seen before the second factor is worth nothing after it).
 */
export async function completeSecondFactor(
  db: Db,
  secret: string,
  input: {
    pendingToken: string;
    code: string;
    ip: string;
    userAgent?: string | null;
    requestId?: string | null;
  },
): Promise<SignInResult> {
  const id = hashToken(input.pendingToken);
  const [row] = await db
    .select({ userId: sessions.userId, totpSecret: users.totpSecret, email: users.email })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, id),
        eq(sessions.secondFactorPending, true),
        gt(sessions.expiresAt, new Date()),
      ),
    );
  if (!row || !row.totpSecret) return { kind: "invalid" };
  const actor: Actor = { userId: row.userId, ip: input.ip, requestId: input.requestId };
  if (await isThrottled(db, row.email, input.ip)) {
    await asSystem(db, (tx) =>
      recordAuditEvent(tx, actor, {
        action: "auth.sign_in_throttled",
        entityType: "user",
        entityId: row.userId,
      }),
    );
    return { kind: "throttled", retryAfterMinutes: THROTTLE.windowMinutes };
  }
  const step = totpStep(row.totpSecret, secret, input.code);
  // A code is good once: the step is claimed atomically, so a replayed code (or one older
  // than the last accepted) fails even if it is still within its 30-second window.
  const claimed =
    step !== null &&
    (
      await db
        .update(users)
        .set({ totpLastStep: step })
        .where(
          and(
            eq(users.id, row.userId),
            sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`,
          ),
        )
        .returning({ id: users.id })
    ).length === 1;
  if (!claimed) {
    await asSystem(db, async (tx) => {
      await tx.insert(signInFailures).values({ email: row.email, ip: input.ip });
      await recordAuditEvent(tx, actor, {
        action: "auth.second_factor_failed",
        entityType: "user",
        entityId: row.userId,
      });
    });
    return { kind: "invalid" };
  }
  const token = await asSystem(db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, id));
    await tx.delete(signInFailures).where(eq(signInFailures.email, row.email));
    await recordAuditEvent(tx, actor, {
      action: "auth.signed_in",
      entityType: "user",
      entityId: row.userId,
      details: { secondFactor: "totp" },
    });
    return createSession(tx, {
      userId: row.userId,
      secondFactorPending: false,
      ip: input.ip,
      userAgent: input.userAgent,
    });
  });
  return { kind: "signed-in", token, userId: row.userId };
}

export async function signOut(db: Db, token: string, actor: Actor): Promise<void> {
  await asSystem(db, async (tx) => {
    const [row] = await tx
      .delete(sessions)
      .where(eq(sessions.id, hashToken(token)))
      .returning({ userId: sessions.userId });
    if (row) {
      await recordAuditEvent(
        tx,
        { ...actor, userId: row.userId },
        { action: "auth.signed_out", entityType: "user", entityId: row.userId },
      );
    }
  });
}
