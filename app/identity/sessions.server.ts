import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { RoleKey } from "~/access/catalogue";
import type { Viewer } from "~/access/viewer";
import { DEFAULT_SESSION_IDLE_MINUTES } from "~/config/config.server";
import type { Queryable } from "~/db/database.server";
import { memberships, organisations, sessions, users } from "~/db/schema";
import { hashToken, newToken } from "./crypto.server";

export const SESSION_COOKIE = "cn_session";
export const SESSION_DAYS = 14;
/** last_seen_at is written at most this often, not on every request. */
const SEEN_EVERY_MS = 60_000;
/** A session waiting for its second factor lapses quickly. */
const PENDING_MINUTES = 10;

export async function createSession(
  tx: Queryable,
  input: {
    userId: string;
    secondFactorPending: boolean;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<string> {
  const { token, hash } = newToken();
  const ms = input.secondFactorPending ? PENDING_MINUTES * 60_000 : SESSION_DAYS * 86_400_000;
  await tx.insert(sessions).values({
    id: hash,
    userId: input.userId,
    secondFactorPending: input.secondFactorPending,
    expiresAt: new Date(Date.now() + ms),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  return token;
}

export async function deleteSession(tx: Queryable, token: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

/** Signs a user out everywhere but, optionally, the session in hand (after a password change). */
export async function deleteOtherSessions(
  tx: Queryable,
  userId: string,
  keepToken?: string,
): Promise<void> {
  const keep = keepToken ? hashToken(keepToken) : "";
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keep}`));
}

export type SessionLookup =
  | { state: "none" }
  | { state: "second-factor-pending"; userId: string }
  | { state: "active"; viewer: Viewer };

/**
 * Resolves a session cookie to the signed-in viewer with the memberships that are active
 * today. An expired session, one left idle for longer than `idleMinutes`, or a disabled
 * user, resolves to nobody.
 */
export async function lookupSession(
  db: Queryable,
  token: string | undefined,
  options: { idleMinutes?: number } = {},
): Promise<SessionLookup> {
  if (!token) return { state: "none" };
  const id = hashToken(token);
  const now = Date.now();
  // last_seen_at can lag by up to SEEN_EVERY_MS: the idle limit is measured from it as is,
  // so a session may outlive the limit by at most that minute, never fall short of it.
  const idleSince = new Date(now - (options.idleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000);
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      totpEnabledAt: users.totpEnabledAt,
      pending: sessions.secondFactorPending,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, id),
        gt(sessions.expiresAt, new Date(now)),
        gt(sessions.lastSeenAt, idleSince),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return { state: "none" };
  if (row.pending) return { state: "second-factor-pending", userId: row.userId };
  const rows = await currentMemberships(db, row.userId);
  if (now - row.lastSeenAt.getTime() > SEEN_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return {
    state: "active",
    viewer: {
      id: row.userId,
      email: row.email,
      name: row.name,
      twoFactorEnabled: row.totpEnabledAt !== null,
      memberships: rows,
    },
  };
}

/** A user's memberships that are current today, with their organisations: what a viewer holds. */
export async function currentMemberships(db: Queryable, userId: string) {
  const rows = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      roleKey: memberships.roleKey,
      endsOn: memberships.endsOn,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(memberships.userId, userId),
        lte(memberships.startsOn, sql`current_date`),
        or(isNull(memberships.endsOn), gt(memberships.endsOn, sql`current_date`)),
      ),
    );
  return rows.map((m) => ({ ...m, roleKey: m.roleKey as RoleKey }));
}
