import { randomBytes } from "node:crypto";
import type { Acting } from "~/access/acting";
import type { RoleKey } from "~/access/catalogue";
import { asSystem, type Db } from "~/db/database.server";
import { memberships, organisations, users } from "~/db/schema";
import { hashPassword } from "~/identity/passwords.server";
import { createSession, lookupSession } from "~/identity/sessions.server";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString("hex");

/** A fresh organisation: tests never share seeded rows. */
export async function createOrganisation(
  db: Db,
  overrides: Partial<typeof organisations.$inferInsert> = {},
): Promise<typeof organisations.$inferSelect> {
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(organisations)
      .values({
        kind: "project",
        name: `Test Project ${unique()}`,
        projectKind: "university",
        jurisdictions: ["england_wales"],
        status: "active",
        ...overrides,
      })
      .returning(),
  );
  if (!row) throw new Error("no organisation");
  return row;
}

export interface TestUser {
  id: string;
  email: string;
  acting: Acting;
}

/** A user with the given roles, and the Acting a domain function expects from them. */
export async function createUser(
  db: Db,
  roles: { organisationId: string; roleKey: RoleKey; endsOn?: string | null; startsOn?: string }[],
  overrides: Partial<typeof users.$inferInsert> = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `user-${unique()}@example.org`;
  const user = await asSystem(db, async (tx) => {
    const [u] = await tx
      .insert(users)
      .values({
        email,
        name: `Test User ${unique()}`,
        passwordHash: await passwordHash,
        ...overrides,
      })
      .returning();
    if (!u) throw new Error("no user");
    for (const r of roles) {
      await tx.insert(memberships).values({ userId: u.id, ...r });
    }
    return u;
  });
  return { id: user.id, email: user.email, acting: await actingFor(db, user.id) };
}

/** Resolves a user the way a request does, through a real session. */
export async function actingFor(db: Db, userId: string): Promise<Acting> {
  const token = await asSystem(db, (tx) =>
    createSession(tx, { userId, secondFactorPending: false }),
  );
  const session = await lookupSession(db, token);
  if (session.state !== "active") throw new Error(`user ${userId} has no active session`);
  return { viewer: session.viewer, ip: "127.0.0.1", requestId: `test-${unique()}` };
}

export async function createNetwork(db: Db) {
  return createOrganisation(db, {
    kind: "network",
    name: `Test Network ${unique()}`,
    projectKind: null,
  });
}
