import { and, eq, gt, sql } from "drizzle-orm";
import { countAttempt, forgetAttempts, giveBackAttempt } from "~/access/rate-limit.server";
import { type Actor, recordAuditEvent } from "~/audit/record-audit-event.server";
import { asSystem, type Db } from "~/db/database.server";
import { sessions, users } from "~/db/schema";
import { hashToken } from "./crypto.server";
import { verifyPassword } from "./passwords.server";
import { createSession } from "./sessions.server";
import { totpStep } from "./two-factor.server";

/**
 * Attempts allowed in a window (docs/security.md, Throttles): per account (the e-mail address
 * typed), per client address, and per account at the second factor. A right password or code
 * is given back, so what holds a key back is failures and attempts still being checked.
 */
export const THROTTLE = {
  windowMinutes: 15,
  perAccount: 5,
  perAddress: 20,
  perSecondFactor: 5,
} as const;

const accountKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `sign-in:address:${ip}`;
const secondFactorKey = (userId: string) => `sign-in:second-factor:${userId}`;
const within = (limit: number) => ({ limit, windowMinutes: THROTTLE.windowMinutes });

export type SignInResult =
  | { kind: "signed-in"; token: string; userId: string }
  | { kind: "second-factor-required"; token: string; userId: string }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterMinutes: number };

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
  // Counted before the password is looked at, in one statement: of any number of attempts
  // sent at once, no more than the limit reach verifyPassword.
  const verdict = await countAttempt(db, [
    { key: accountKey(email), ...within(THROTTLE.perAccount) },
    { key: addressKey(input.ip), ...within(THROTTLE.perAddress) },
  ]);
  if (!verdict.allowed) {
    await asSystem(db, (tx) =>
      recordAuditEvent(tx, actor, {
        action: "auth.sign_in_throttled",
        entityType: "user",
        details: { email },
      }),
    );
    return { kind: "throttled", retryAfterMinutes: verdict.retryAfterMinutes };
  }
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const ok = await verifyPassword(
    user && !user.disabledAt ? user.passwordHash : null,
    input.password,
  );
  if (!user || !ok) {
    await asSystem(db, (tx) =>
      recordAuditEvent(tx, actor, {
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? null,
        details: { email },
      }),
    );
    return { kind: "invalid" };
  }
  const pending = user.totpEnabledAt !== null;
  const token = await asSystem(db, async (tx) => {
    await giveBackAttempt(tx, addressKey(input.ip));
    // A password alone is not proof of the owner when a second factor is due: the account's
    // earlier failures are forgotten only once someone has fully signed in.
    if (pending) await giveBackAttempt(tx, accountKey(email));
    else await forgetAttempts(tx, accountKey(email));
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
  if (!row?.totpSecret) return { kind: "invalid" };
  const actor: Actor = { userId: row.userId, ip: input.ip, requestId: input.requestId };
  const verdict = await countAttempt(db, [
    { key: secondFactorKey(row.userId), ...within(THROTTLE.perSecondFactor) },
    { key: addressKey(input.ip), ...within(THROTTLE.perAddress) },
  ]);
  if (!verdict.allowed) {
    await asSystem(db, (tx) =>
      recordAuditEvent(tx, actor, {
        action: "auth.sign_in_throttled",
        entityType: "user",
        entityId: row.userId,
      }),
    );
    return { kind: "throttled", retryAfterMinutes: verdict.retryAfterMinutes };
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
    await asSystem(db, (tx) =>
      recordAuditEvent(tx, actor, {
        action: "auth.second_factor_failed",
        entityType: "user",
        entityId: row.userId,
      }),
    );
    return { kind: "invalid" };
  }
  const token = await asSystem(db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, id));
    await forgetAttempts(tx, secondFactorKey(row.userId));
    await forgetAttempts(tx, accountKey(row.email));
    await giveBackAttempt(tx, addressKey(input.ip));
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
