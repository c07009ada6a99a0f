import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { asUser, type Db, type Queryable } from "~/db/database.server";
import { notifications } from "~/db/schema";

/**
 * The signed-in user's notifications. Row-level security (drizzle/0015) shows each user only
 * their own and lets them change nothing but `read_at`; rows are made only by app_notify().
 * The filters on the user here say what is meant; the database enforces it.
 */

export const NOTIFICATIONS_PAGE_SIZE = 50;

/** Only a path inside Clearname is linked: a stored link is never followed off the site. */
export function safeLink(link: string | null): string | null {
  return link?.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\") ? link : null;
}

export async function listNotifications(tx: Queryable, acting: Acting, page = 1) {
  const userId = acting.viewer.id;
  const [totals] = await tx
    .select({
      total: count(),
      unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number),
    })
    .from(notifications)
    .where(eq(notifications.userId, userId));
  const total = totals?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await tx
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((current - 1) * NOTIFICATIONS_PAGE_SIZE);
  return {
    items: rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: safeLink(n.link),
      createdAt: n.createdAt.toISOString(),
      unread: n.readAt === null,
    })),
    total,
    unread: totals?.unread ?? 0,
    page: current,
    pages,
  };
}

/** Marks one of the user's notifications read (one that is not theirs is not found: 0). */
export async function markNotificationRead(
  tx: Queryable,
  acting: Acting,
  id: string,
): Promise<number> {
  const changed = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.id, id),
        eq(notifications.userId, acting.viewer.id),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return changed.length;
}

export async function markAllNotificationsRead(tx: Queryable, acting: Acting): Promise<number> {
  const changed = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, acting.viewer.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return changed.length;
}

/**
 * How many unread notifications a user has, for the site navigation (the root loader, which
 * runs on every page and so has no route's access declaration: it reads as the user, under
 * row-level security, and only their own count).
 */
export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await asUser(db, userId, (tx) =>
    tx
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  );
  return row?.n ?? 0;
}
