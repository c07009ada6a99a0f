import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Acting } from "~/access/acting";
import { asSystem, asUser, type Database, queryRows, type Tx } from "~/db/database.server";
import { auditEvents, emailOutbox, memberships, organisations, users } from "~/db/schema";
import { AppError, type AppErrorCode } from "~/errors/app-error";
import { checkPasswordToken, resetPassword } from "~/identity/passwords-flow.server";
import { createSession, lookupSession } from "~/identity/sessions.server";
import { signIn } from "~/identity/sign-in.server";
import type { Mailer } from "~/mail/mailer.server";
import { addMember, setMembershipEnd } from "~/organisations/memberships.server";
import { createProject, updateProject } from "~/organisations/organisations.server";
import type { ProjectInput } from "~/organisations/schemas";
import { expectRefused } from "../support/errors";
import { createNetwork, createOrganisation, createUser } from "../support/factories";
import { mailboxMailer } from "../support/mailbox";
import { createTestDatabase } from "../support/test-database";

const PUBLIC_URL = "https://clearname.test";

let database: Database;
let mailer: Mailer;
let mailbox: ReturnType<typeof mailboxMailer>;
beforeAll(async () => {
  database = await createTestDatabase();
  mailbox = mailboxMailer(database.db);
  mailer = mailbox.mailer;
});
afterAll(async () => {
  await database?.close();
});

const unique = () => randomBytes(4).toString("hex");

/** Runs a domain function the way a route does: in the acting user's transaction, under RLS. */
function as<T>(acting: Acting, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asUser(database.db, acting.viewer.id, fn);
}

async function expectAppError(promise: Promise<unknown>, code: AppErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

function projectInput(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    name: `Project ${unique()}`,
    hostInstitution: undefined,
    projectKind: "university",
    jurisdictions: ["england_wales", "scotland"],
    status: "active",
    closedOn: undefined,
    capacity: 12,
    ...overrides,
  };
}

async function administrator() {
  const network = await createNetwork(database.db);
  return createUser(database.db, [{ organisationId: network.id, roleKey: "administrator" }]);
}

async function organisationRow(id: string) {
  const [row] = await database.db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

async function today(): Promise<string> {
  const [row] = await queryRows<{ d: string }>(database.db, sql`select current_date::text as d`);
  if (!row) throw new Error("no date");
  return row.d;
}

async function inDays(days: number): Promise<string> {
  const [row] = await queryRows<{ d: string }>(
    database.db,
    sql`select (current_date + ${days}::int)::text as d`,
  );
  if (!row) throw new Error("no date");
  return row.d;
}

describe("creating a project", () => {
  it("lets a network administrator create one, and audits organisation.created", async () => {
    const admin = await administrator();
    const input = projectInput({ hostInstitution: "University of Testing" });
    const created = await as(admin.acting, (tx) => createProject(tx, admin.acting, input));
    expect(created).toMatchObject({
      kind: "project",
      name: input.name,
      hostInstitution: "University of Testing",
      jurisdictions: ["england_wales", "scotland"],
      capacity: 12,
      version: 1,
    });
    expect(await organisationRow(created.id)).toMatchObject({ name: input.name });
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "organisation.created"), eq(auditEvents.entityId, created.id)),
      );
    expect(events).toHaveLength(1);
    expect(events[0]?.actorUserId).toBe(admin.id);
    expect(events[0]?.organisationId).toBe(created.id);
  });

  it("refuses a project lead with FORBIDDEN and creates nothing", async () => {
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const input = projectInput();
    await expectAppError(
      as(lead.acting, (tx) => createProject(tx, lead.acting, input)),
      "FORBIDDEN",
    );
    const rows = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, input.name));
    expect(rows).toEqual([]);
  });
});

describe("updating a project", () => {
  it("refuses a save made from a stale version with CONFLICT, and changes nothing", async () => {
    const admin = await administrator();
    const project = await createOrganisation(database.db);
    expect(project.version).toBe(1);
    const first = await as(admin.acting, (tx) =>
      updateProject(tx, admin.acting, project.id, {
        ...projectInput({ name: "First edit" }),
        version: 1,
      }),
    );
    expect(first.version).toBe(2);

    const error = await expectAppError(
      as(admin.acting, (tx) =>
        updateProject(tx, admin.acting, project.id, {
          ...projectInput({ name: "Second edit, from the old form", capacity: 99 }),
          version: 1,
        }),
      ),
      "CONFLICT",
    );
    // The caller is shown the version that won.
    expect((error.details.current as { name: string }).name).toBe("First edit");
    expect(await organisationRow(project.id)).toMatchObject({
      name: "First edit",
      capacity: 12,
      version: 2,
    });
    const updates = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "organisation.updated"), eq(auditEvents.entityId, project.id)),
      );
    expect(updates).toHaveLength(1);
  });

  it("lets a project lead update their own project but not another one", async () => {
    const own = await createOrganisation(database.db);
    const hidden = await createOrganisation(database.db);
    const visible = await createOrganisation(database.db);
    // Lead of one project, and a caseworker (who may see but not change it) in another.
    const lead = await createUser(database.db, [
      { organisationId: own.id, roleKey: "project_lead" },
      { organisationId: visible.id, roleKey: "caseworker" },
    ]);

    const updated = await as(lead.acting, (tx) =>
      updateProject(tx, lead.acting, own.id, {
        ...projectInput({ capacity: 30 }),
        version: own.version,
      }),
    );
    expect(updated.capacity).toBe(30);
    expect((await organisationRow(own.id))?.capacity).toBe(30);

    // A project they can see but do not lead: FORBIDDEN.
    await expectAppError(
      as(lead.acting, (tx) =>
        updateProject(tx, lead.acting, visible.id, {
          ...projectInput({ capacity: 31 }),
          version: visible.version,
        }),
      ),
      "FORBIDDEN",
    );
    // A project they have no part in is not even visible to them: NOT_FOUND.
    await expectAppError(
      as(lead.acting, (tx) =>
        updateProject(tx, lead.acting, hidden.id, {
          ...projectInput({ capacity: 32 }),
          version: hidden.version,
        }),
      ),
      "NOT_FOUND",
    );
    for (const other of [visible, hidden]) {
      expect(await organisationRow(other.id)).toMatchObject({
        name: other.name,
        capacity: other.capacity,
        version: other.version,
      });
    }
  });
});

describe("adding members", () => {
  async function addNewPerson(acting: Acting, organisationId: string) {
    const email = `new-${unique()}@example.org`;
    const result = await as(acting, (tx) =>
      addMember(tx, acting, mailer, {
        email,
        name: "New Person",
        roleKey: "caseworker",
        endsOn: undefined,
        organisationId,
        publicUrl: PUBLIC_URL,
      }),
    );
    await result.deliver();
    return { email, result };
  }

  async function expectInvited(email: string, organisationId: string, userId: string) {
    const [user] = await database.db.select().from(users).where(eq(users.email, email));
    expect(user?.id).toBe(userId);
    expect(user?.name).toBe("New Person");
    expect(user?.passwordHash).toBeNull();

    const mail = await database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, email));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toMatch(/invited to Clearname/);
    // The invitation's link reaches the invitee only; the outbox records that it was sent.
    const token = mailbox.lastTokenTo(email);
    expect(mail[0]?.textBody).not.toContain(token);
    expect(await checkPasswordToken(database.db, token ?? "")).toMatchObject({
      ok: true,
      userId,
      purpose: "invite",
    });

    const rows = await database.db.select().from(memberships).where(eq(memberships.userId, userId));
    expect(rows.map((m) => [m.organisationId, m.roleKey, m.endsOn])).toEqual([
      [organisationId, "caseworker", null],
    ]);
    return token ?? "";
  }

  it("creates an account, an invitation e-mail and the membership for a new address (administrator)", async () => {
    const admin = await administrator();
    const project = await createOrganisation(database.db);
    const { email, result } = await addNewPerson(admin.acting, project.id);
    expect(result.invited).toBe(true);
    const token = await expectInvited(email, project.id, result.userId);

    // The invited person follows the link, chooses a password and can sign in.
    const accepted = await resetPassword(database.db, {
      token,
      password: "my first passphrase",
      actor: { ip: "192.0.2.1" },
    });
    expect(accepted).toBe(true);
    const signedIn = await signIn(database.db, {
      email,
      password: "my first passphrase",
      ip: "192.0.2.1",
    });
    expect(signedIn.kind).toBe("signed-in");
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "auth.invitation_accepted"),
          eq(auditEvents.entityId, result.userId),
        ),
      );
    expect(event?.actorUserId).toBe(result.userId);
  });

  it("does the same for a project lead adding to their own project", async () => {
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const { email, result } = await addNewPerson(lead.acting, project.id);
    expect(result.invited).toBe(true);
    await expectInvited(email, project.id, result.userId);
  });

  it("adds an existing account without inviting it (administrator and project lead)", async () => {
    const admin = await administrator();
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const byAdmin = await createUser(database.db, []);
    const byLead = await createUser(database.db, []);
    for (const [acting, person, roleKey] of [
      [admin.acting, byAdmin, "caseworker"],
      [lead.acting, byLead, "project_administrator"],
    ] as const) {
      const result = await as(acting, (tx) =>
        addMember(tx, acting, mailer, {
          email: person.email.toUpperCase(),
          name: undefined,
          roleKey,
          endsOn: undefined,
          organisationId: project.id,
          publicUrl: PUBLIC_URL,
        }),
      );
      expect(result).toMatchObject({ invited: false, userId: person.id });
      const rows = await database.db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, person.id));
      expect(rows.map((m) => [m.organisationId, m.roleKey])).toEqual([[project.id, roleKey]]);
      expect(
        await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, person.email)),
      ).toEqual([]);
    }
  });

  it("refuses a project lead adding someone to another project", async () => {
    const own = await createOrganisation(database.db);
    const hidden = await createOrganisation(database.db);
    const visible = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: own.id, roleKey: "project_lead" },
      { organisationId: visible.id, roleKey: "caseworker" },
    ]);
    const person = await createUser(database.db, []);
    for (const [organisationId, code] of [
      [visible.id, "FORBIDDEN"],
      [hidden.id, "NOT_FOUND"],
    ] as const) {
      await expectAppError(
        as(lead.acting, (tx) =>
          addMember(tx, lead.acting, mailer, {
            email: person.email,
            name: undefined,
            roleKey: "caseworker",
            endsOn: undefined,
            organisationId,
            publicUrl: PUBLIC_URL,
          }),
        ),
        code,
      );
    }
    expect(
      await database.db.select().from(memberships).where(eq(memberships.userId, person.id)),
    ).toEqual([]);
  });

  it("refuses a network role in a project with INVALID, and adds no one", async () => {
    const admin = await administrator();
    const project = await createOrganisation(database.db);
    const email = `network-role-${unique()}@example.org`;
    await expectAppError(
      as(admin.acting, (tx) =>
        addMember(tx, admin.acting, mailer, {
          email,
          name: "Wrong Role",
          roleKey: "administrator",
          endsOn: undefined,
          organisationId: project.id,
          publicUrl: PUBLIC_URL,
        }),
      ),
      "INVALID",
    );
    expect(await database.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(
      await database.db
        .select()
        .from(memberships)
        .where(eq(memberships.organisationId, project.id)),
    ).toEqual([]);
  });

  it("is refused by the database itself when a role does not fit the organisation, even for the system", async () => {
    const project = await createOrganisation(database.db);
    const network = await createNetwork(database.db);
    const user = await createUser(database.db, []);
    await expectRefused(
      asSystem(database.db, (tx) =>
        tx
          .insert(memberships)
          .values({ userId: user.id, organisationId: project.id, roleKey: "administrator" }),
      ),
      /role administrator cannot be held in a project organisation/,
    );
    await expectRefused(
      asSystem(database.db, (tx) =>
        tx
          .insert(memberships)
          .values({ userId: user.id, organisationId: network.id, roleKey: "caseworker" }),
      ),
      /role caseworker cannot be held in a network organisation/,
    );
    // Nor can a fitting membership be changed into one that does not fit.
    const [fitting] = await asSystem(database.db, (tx) =>
      tx
        .insert(memberships)
        .values({ userId: user.id, organisationId: project.id, roleKey: "caseworker" })
        .returning(),
    );
    if (!fitting) throw new Error("no membership");
    await expectRefused(
      asSystem(database.db, (tx) =>
        tx.update(memberships).set({ roleKey: "assessor" }).where(eq(memberships.id, fitting.id)),
      ),
      /cannot be held in a project organisation/,
    );
    const rows = await database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, user.id));
    expect(rows.map((m) => m.roleKey)).toEqual(["caseworker"]);
  });
});

describe("ending memberships", () => {
  async function leadWithSession() {
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const token = await asSystem(database.db, (tx) =>
      createSession(tx, { userId: lead.id, secondFactorPending: false }),
    );
    const [membership] = await database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, lead.id));
    if (!membership) throw new Error("no membership");
    return { project, lead, token, membership };
  }

  async function rolesSeenThrough(token: string) {
    const session = await lookupSession(database.db, token);
    if (session.state !== "active") throw new Error(`session is ${session.state}`);
    return session.viewer.memberships.map((m) => [m.organisationId, m.roleKey]);
  }

  it("takes the role out of the user's existing session once it ends today", async () => {
    const admin = await administrator();
    const { project, lead, token, membership } = await leadWithSession();
    expect(await rolesSeenThrough(token)).toEqual([[project.id, "project_lead"]]);

    const endsOn = await today();
    await as(admin.acting, (tx) =>
      setMembershipEnd(tx, admin.acting, { membershipId: membership.id, endsOn }),
    );

    // The same session, with nobody doing anything to it, no longer carries the role…
    expect(await rolesSeenThrough(token)).toEqual([]);
    // …and the database no longer lets them change the project.
    const changed = await asUser(database.db, lead.id, (tx) =>
      tx
        .update(organisations)
        .set({ capacity: 1 })
        .where(eq(organisations.id, project.id))
        .returning(),
    );
    expect(changed).toEqual([]);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "membership.ended"), eq(auditEvents.entityId, membership.id)),
      );
    expect(events).toHaveLength(1);
  });

  it("keeps a membership that ends in the future active until then", async () => {
    const admin = await administrator();
    const { project, lead, token, membership } = await leadWithSession();
    const tomorrow = await inDays(1);
    await as(admin.acting, (tx) =>
      setMembershipEnd(tx, admin.acting, { membershipId: membership.id, endsOn: tomorrow }),
    );
    const session = await lookupSession(database.db, token);
    if (session.state !== "active") throw new Error(session.state);
    expect(session.viewer.memberships).toMatchObject([
      { organisationId: project.id, roleKey: "project_lead", endsOn: tomorrow },
    ]);
    const changed = await asUser(database.db, lead.id, (tx) =>
      tx
        .update(organisations)
        .set({ capacity: 2 })
        .where(eq(organisations.id, project.id))
        .returning(),
    );
    expect(changed).toHaveLength(1);
  });
});
