import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { countAttempt } from "~/access/rate-limit.server";
import { type Actor, recordAuditEvent } from "~/audit/record-audit-event.server";
import { asSystem, type Db, type Queryable } from "~/db/database.server";
import { passwordTokens, sessions, users } from "~/db/schema";
import type { Mailer } from "~/mail/mailer.server";
import { hashToken, newToken } from "./crypto.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { deleteOtherSessions } from "./sessions.server";

import { INVITE_DAYS, RESET_MINUTES } from "./token-lifetimes";

export { INVITE_DAYS, RESET_MINUTES };

/** Creates a single-use link token for a user and returns the raw token for the e-mail. */
export async function issuePasswordToken(
  tx: Queryable,
  userId: string,
  purpose: "reset" | "invite",
): Promise<string> {
  const { token, hash } = newToken();
  const ms = purpose === "reset" ? RESET_MINUTES * 60_000 : INVITE_DAYS * 86_400_000;
  // A new link replaces any earlier unused one.
  await tx
    .delete(passwordTokens)
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  await tx
    .insert(passwordTokens)
    .values({ id: hash, userId, purpose, expiresAt: new Date(Date.now() + ms) });
  return token;
}

/**
 * Reset links asked for in a window (docs/security.md, Throttles): per e-mail address, so
 * nobody can fill someone's inbox, and per client address, so nobody can mail many people.
 */
export const RESET_THROTTLE = {
  perEmail: { limit: 3, windowMinutes: 60 },
  perAddress: { limit: 10, windowMinutes: 60 },
} as const;

/**
 * Sends a reset link if the address belongs to an active user. The answer to the person
 * asking is the same either way, so the form does not reveal who has an account; over the
 * limit it is the same answer too, and nothing is sent.
 */
export async function requestPasswordReset(
  db: Db,
  mailer: Mailer,
  input: { email: string; publicUrl: string; actor: Actor },
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  // Counted whether or not the address has an account, so the limit reveals nothing either.
  const verdict = await countAttempt(db, [
    { key: `password-reset:email:${email}`, ...RESET_THROTTLE.perEmail },
    ...(input.actor.ip
      ? [{ key: `password-reset:address:${input.actor.ip}`, ...RESET_THROTTLE.perAddress }]
      : []),
  ]);
  if (!verdict.allowed) {
    await asSystem(db, (tx) =>
      recordAuditEvent(tx, input.actor, {
        action: "auth.password_reset_throttled",
        entityType: "user",
        details: { email },
      }),
    );
    return;
  }
  const deliver = await asSystem(db, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(sql`lower(${users.email}) = ${email}`, isNull(users.disabledAt)));
    await recordAuditEvent(tx, input.actor, {
      action: "auth.password_reset_requested",
      entityType: "user",
      entityId: user?.id ?? null,
      details: { email, known: Boolean(user) },
    });
    if (!user) return async () => undefined;
    const token = await issuePasswordToken(tx, user.id, "reset");
    return mailer.send(tx, {
      to: user.email,
      subject: "Reset your Clearname password",
      text: [
        `Hello ${user.name},`,
        "",
        "Someone asked to reset the password of your Clearname account. If it was you, open this link within",
        `${RESET_MINUTES} minutes to choose a new password. It works once.`,
        "",
        `${input.publicUrl}/reset-password/${token}`,
        "",
        "If it was not you, ignore this e-mail: your password has not changed.",
      ].join("\n"),
    });
  });
  await deliver();
}

export type TokenCheck =
  | { ok: true; userId: string; purpose: "reset" | "invite"; email: string }
  | { ok: false };

export async function checkPasswordToken(db: Db, token: string): Promise<TokenCheck> {
  const [row] = await db
    .select({ userId: passwordTokens.userId, purpose: passwordTokens.purpose, email: users.email })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(
      and(
        eq(passwordTokens.id, hashToken(token)),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    );
  return row ? { ok: true, ...row } : { ok: false };
}

/** Sets a new password from a link; the link is spent and every session of the user ends. */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; actor: Omit<Actor, "userId"> },
): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return asSystem(db, async (tx) => {
    const [spent] = await tx
      .update(passwordTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordTokens.id, hashToken(input.token)),
          isNull(passwordTokens.usedAt),
          gt(passwordTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordTokens.userId, purpose: passwordTokens.purpose });
    if (!spent) return false;
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, spent.userId));
    await tx.delete(sessions).where(eq(sessions.userId, spent.userId));
    await recordAuditEvent(
      tx,
      { ...input.actor, userId: spent.userId },
      {
        action: spent.purpose === "invite" ? "auth.invitation_accepted" : "auth.password_reset",
        entityType: "user",
        entityId: spent.userId,
      },
    );
    return true;
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: "current"; message: string };

/** Changes the signed-in user's password after checking the current one; other sessions end. */
export async function changePassword(
  tx: Queryable,
  actor: Actor & { userId: string },
  input: { current: string; password: string; sessionToken: string },
): Promise<ChangePasswordResult> {
  const [user] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.current))) {
    return { ok: false, field: "current", message: "Your current password is not right" };
  }
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.password), updatedAt: new Date() })
    .where(eq(users.id, actor.userId));
  await recordAuditEvent(tx, actor, {
    action: "auth.password_changed",
    entityType: "user",
    entityId: actor.userId,
  });
  return { ok: true };
}

/** Ends the user's other sessions; runs as the system because sessions are not the user's to list. */
export function endOtherSessions(db: Db, userId: string, keepToken: string): Promise<void> {
  return asSystem(db, (tx) => deleteOtherSessions(tx, userId, keepToken));
}
