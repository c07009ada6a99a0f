import { randomBytes } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Acting } from "~/access/acting";
import { asSystem, asUser, type Database, type Tx } from "~/db/database.server";
import {
  applicants,
  applications,
  assessments,
  auditEvents,
  cases,
  organisations,
  projectTermBreaks,
  referralOffers,
} from "~/db/schema";
import { seedDemoProjectDetails } from "~/demo/seed-demo-projects.server";
import { AppError, type AppErrorCode } from "~/errors/app-error";
import { createProject, updateProject } from "~/organisations/organisations.server";
import { type ProjectInput, ProjectSchema } from "~/organisations/schemas";
import { listProjectDirectory } from "~/projects/directory.server";
import { getProjectsOverview } from "~/projects/overview.server";
import { TermBreakSchema } from "~/projects/schemas";
import { addTermBreak, listTermBreaks, removeTermBreak } from "~/projects/term-breaks.server";
import { staleCaseDays, updateNetworkSettings } from "~/settings/network-settings.server";
import { SettingsSchema } from "~/settings/schemas";
import { expectRefused } from "../support/errors";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let network: Awaited<ReturnType<typeof createNetwork>>;
let admin: TestUser;
beforeAll(async () => {
  database = await createTestDatabase();
  network = await createNetwork(database.db);
  admin = await createUser(database.db, [{ organisationId: network.id, roleKey: "administrator" }]);
});
afterAll(async () => {
  await database?.close();
});

const unique = () => randomBytes(4).toString("hex");
const DAY = 86_400_000;
const isoInDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

function as<T>(acting: Acting, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asUser(database.db, acting.viewer.id, fn);
}

async function refusal(promise: Promise<unknown>, code: AppErrorCode): Promise<AppError> {
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
    hostInstitution: "University of Testing",
    projectKind: "university",
    jurisdictions: ["england_wales"],
    status: "active",
    closedOn: undefined,
    capacity: 5,
    ...overrides,
  };
}

async function row(id: string) {
  const [r] = await database.db.select().from(organisations).where(eq(organisations.id, id));
  if (!r) throw new Error("no organisation");
  return r;
}

async function eventsFor(entityId: string, action: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)));
}

/** The field messages of a submission the form refused (none if it was accepted). */
function errorsOf(submission: { status?: string; error?: unknown }): Record<string, string[]> {
  return submission.status === "error"
    ? ((submission.error ?? {}) as Record<string, string[]>)
    : {};
}

/** The form as a browser sends it, parsed the way the route parses it. */
function submitForm(fields: Record<string, string | string[]>) {
  const formData = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) formData.append(key, v);
  }
  return parseWithZod(formData, { schema: ProjectSchema });
}

// --- A small data set inserted as the owner: applications, offers and cases. ---

async function application() {
  const ref = `PD-${unique()}`;
  const [applicant] = await database.db
    .insert(applicants)
    .values({ organisationId: network.id, fullName: `Applicant ${ref}` })
    .returning();
  if (!applicant) throw new Error("no applicant");
  const [app] = await database.db
    .insert(applications)
    .values({
      organisationId: network.id,
      reference: ref,
      applicantId: applicant.id,
      channel: "post",
      receivedOn: isoInDays(-400),
      acknowledgementDueOn: isoInDays(-390),
      state: "referred",
    })
    .returning();
  if (!app) throw new Error("no application");
  const [assessment] = await database.db
    .insert(assessments)
    .values({ organisationId: network.id, applicationId: app.id })
    .returning();
  if (!assessment) throw new Error("no assessment");
  return { app, assessment, applicant };
}

async function offer(projectId: string, status: "offered" | "accepted" | "declined" = "offered") {
  const { app, assessment, applicant } = await application();
  const [o] = await database.db
    .insert(referralOffers)
    .values({
      organisationId: network.id,
      applicationId: app.id,
      assessmentId: assessment.id,
      projectId,
      status,
      summary: "A case summary.",
      expiresOn: isoInDays(21),
      offeredBy: admin.id,
    })
    .returning();
  if (!o) throw new Error("no offer");
  return { offer: o, app, applicant };
}

async function projectCase(
  projectId: string,
  opts: {
    stage?: (typeof cases.$inferInsert)["stage"];
    quietDays?: number;
    reportDueInDays?: number;
  } = {},
) {
  const { offer: o, app, applicant } = await offer(projectId, "accepted");
  const [c] = await database.db
    .insert(cases)
    .values({
      organisationId: projectId,
      offerId: o.id,
      applicationId: app.id,
      reference: app.reference,
      applicant: {
        fullName: applicant.fullName,
        aliases: [],
        dateOfBirth: null,
        prisonerNumber: null,
        otherPrisonerNumber: null,
        establishment: null,
        postalAddress: null,
        largePrint: false,
        language: null,
        legalCorrespondence: true,
      },
      stage: opts.stage ?? "investigating",
      lastActivityAt: sql`now() - ${opts.quietDays ?? 0}::int * interval '1 day'`,
      annualReportDueOn: isoInDays(opts.reportDueInDays ?? 200),
    })
    .returning();
  if (!c) throw new Error("no case");
  return c;
}

describe("a project's details", () => {
  it("are saved with address, contacts, specialisms and status dates, and audited", async () => {
    const created = await as(admin.acting, (tx) =>
      createProject(
        tx,
        admin.acting,
        projectInput({
          addressLines: ["School of Law", "AB1 2CD"],
          contactEmail: "innocence@example.ac.uk",
          contactPhone: "01632 960 001",
          website: "https://example.ac.uk/innocence",
          specialisms: ["Forensic science", "Joint enterprise"],
        }),
      ),
    );
    expect(await row(created.id)).toMatchObject({
      addressLines: ["School of Law", "AB1 2CD"],
      contactEmail: "innocence@example.ac.uk",
      contactPhone: "01632 960 001",
      website: "https://example.ac.uk/innocence",
      specialisms: ["Forensic science", "Joint enterprise"],
      pausedOn: null,
    });
    const [createdEvent] = await eventsFor(created.id, "organisation.created");
    expect(createdEvent?.details).toMatchObject({
      contactEmail: "innocence@example.ac.uk",
      specialisms: ["Forensic science", "Joint enterprise"],
    });

    // The project's lead pauses it and changes its specialisms, through the form.
    const lead = await createUser(database.db, [
      { organisationId: created.id, roleKey: "project_lead" },
    ]);
    const submission = submitForm({
      name: created.name,
      hostInstitution: "University of Testing",
      projectKind: "university",
      jurisdictions: ["england_wales", "scotland"],
      status: "paused",
      pausedOn: isoInDays(-3),
      capacity: "5",
      addressLines: "School of Law\r\n\r\n  AB1 2CD  \r\n",
      contactEmail: "Innocence@Example.ac.uk",
      contactPhone: "01632 960 001",
      website: "example.ac.uk/innocence",
      specialisms: "Forensic science\nSexual offences\nforensic science\n",
    });
    if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
    await as(lead.acting, (tx) =>
      updateProject(tx, lead.acting, created.id, { ...submission.value, version: 1 }),
    );
    expect(await row(created.id)).toMatchObject({
      status: "paused",
      pausedOn: isoInDays(-3),
      jurisdictions: ["england_wales", "scotland"],
      addressLines: ["School of Law", "AB1 2CD"],
      contactEmail: "innocence@example.ac.uk",
      website: "https://example.ac.uk/innocence",
      specialisms: ["Forensic science", "Sexual offences"],
      version: 2,
    });
    const [updated] = await eventsFor(created.id, "organisation.updated");
    expect(updated?.actorUserId).toBe(lead.id);
    expect(updated?.details).toEqual({
      changed: {
        status: "paused",
        pausedOn: isoInDays(-3),
        jurisdictions: ["england_wales", "scotland"],
        specialisms: ["Forensic science", "Sexual offences"],
      },
    });
  });

  it("refuses invalid input with a message on each field", () => {
    const result = submitForm({
      name: "A project",
      projectKind: "university",
      jurisdictions: "england_wales",
      status: "paused",
      contactEmail: "not an address",
      contactPhone: "call the office",
      website: "http://",
      specialisms: `Forensic\n${"x".repeat(61)}`,
      addressLines: Array.from({ length: 9 }, (_, i) => `Line ${i}`).join("\n"),
    });
    expect(result.status).toBe("error");
    const errors = errorsOf(result);
    expect(errors.contactEmail).toEqual([
      "Enter the contact e-mail address in the right format, like innocence@example.ac.uk",
    ]);
    expect(errors.contactPhone?.[0]).toMatch(/^Enter the telephone number in digits/);
    expect(errors.website).toEqual(["Enter the website's address, like https://www.example.ac.uk"]);
    expect(errors.specialisms).toEqual(["Each specialism must be 60 characters or fewer"]);
    expect(errors.addressLines).toEqual(["Give the address in 8 lines or fewer"]);
    expect(errors.pausedOn).toEqual(["Enter the date the project paused"]);

    // A paused date on a project that is not paused, or one in the future.
    expect(
      errorsOf(
        submitForm({
          name: "A project",
          projectKind: "university",
          jurisdictions: "england_wales",
          status: "active",
          pausedOn: isoInDays(-1),
        }),
      ).pausedOn,
    ).toEqual(["Only a paused project has a date it paused: clear it"]);
    expect(
      errorsOf(
        submitForm({
          name: "A project",
          projectKind: "university",
          jurisdictions: "england_wales",
          status: "paused",
          pausedOn: isoInDays(5),
        }),
      ).pausedOn,
    ).toEqual(["The date the project paused cannot be in the future"]);

    // A term break ending before it starts.
    const breakForm = new FormData();
    breakForm.append("label", "Summer");
    breakForm.append("startsOn", "2026-07-10");
    breakForm.append("endsOn", "2026-07-09");
    expect(errorsOf(parseWithZod(breakForm, { schema: TermBreakSchema }))).toEqual({
      endsOn: ["The break must end on or after the day it starts"],
    });
    expect(
      TermBreakSchema.safeParse({ startsOn: "2026-02-30", endsOn: "2026-03-01" }).error?.issues[0]
        ?.message,
    ).toBe("Enter the first day of the break as a real date, like 2026-06-15");
    expect(
      TermBreakSchema.safeParse({ startsOn: "2026-01-01", endsOn: "2026-12-31" }).error?.issues[0]
        ?.message,
    ).toMatch(/at most 183 days/);
    // The label is optional.
    expect(TermBreakSchema.parse({ startsOn: "2026-07-10", endsOn: "2026-07-10" }).label).toBe(
      "Term break",
    );
  });

  it("may not be set to closed through the edit form while cases or offers are open", async () => {
    const project = await createOrganisation(database.db, { capacity: 4 });
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const projectAdmin = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_administrator" },
    ]);
    const openCase = await projectCase(project.id);
    const closing = projectInput({
      name: project.name,
      status: "closed",
      closedOn: isoInDays(0),
    });

    for (const who of [admin, lead]) {
      const error = await refusal(
        as(who.acting, (tx) =>
          updateProject(tx, who.acting, project.id, { ...closing, version: project.version }),
        ),
        "INVALID",
      );
      expect(error.message).toBe(
        `${project.name} still has 1 open case. Close it with "Close the project" (/organisations/${project.id}/close), which returns them to the network with a handover note for each case.`,
      );
      expect(error.details).toMatchObject({
        field: "status",
        closeUrl: `/organisations/${project.id}/close`,
      });
    }
    // A project administrator cannot see the cases, so cannot close it here either.
    const hidden = await refusal(
      as(projectAdmin.acting, (tx) =>
        updateProject(tx, projectAdmin.acting, project.id, {
          ...closing,
          version: project.version,
        }),
      ),
      "INVALID",
    );
    expect(hidden.message).toMatch(/^You cannot see this project's cases/);
    expect((await row(project.id)).status).toBe("active");

    // The case leaves the project; an open offer still stops it.
    await database.db.update(cases).set({ stage: "handed_back" }).where(eq(cases.id, openCase.id));
    const waiting = await offer(project.id);
    const offerError = await refusal(
      as(admin.acting, (tx) =>
        updateProject(tx, admin.acting, project.id, { ...closing, version: project.version }),
      ),
      "INVALID",
    );
    expect(offerError.message).toMatch(/still has 1 open offer\./);

    // With nothing open, the edit form may close it.
    await database.db
      .update(referralOffers)
      .set({ status: "declined" })
      .where(eq(referralOffers.id, waiting.offer.id));
    await as(lead.acting, (tx) =>
      updateProject(tx, lead.acting, project.id, { ...closing, version: project.version }),
    );
    expect(await row(project.id)).toMatchObject({ status: "closed", closedOn: isoInDays(0) });
    expect(await eventsFor(project.id, "organisation.closed")).toHaveLength(1);
    // Its details can still be corrected once closed.
    await as(admin.acting, (tx) =>
      updateProject(tx, admin.acting, project.id, {
        ...closing,
        specialisms: ["Arson"],
        version: project.version + 1,
      }),
    );
    expect((await row(project.id)).specialisms).toEqual(["Arson"]);
  });
});

describe("term breaks", () => {
  it("are added and removed by the project's lead, audited, and may not overlap", async () => {
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const summer = await as(lead.acting, (tx) =>
      addTermBreak(tx, lead.acting, project.id, {
        label: "Summer vacation",
        startsOn: "2031-06-15",
        endsOn: "2031-09-20",
      }),
    );
    const overlap = await refusal(
      as(lead.acting, (tx) =>
        addTermBreak(tx, lead.acting, project.id, {
          label: "Exams",
          startsOn: "2031-09-20",
          endsOn: "2031-09-30",
        }),
      ),
      "INVALID",
    );
    expect(overlap.details.field).toBe("startsOn");
    expect(overlap.message).toMatch(/overlaps "Summer vacation" \(2031-06-15 to 2031-09-20\)/);
    const backwards = await refusal(
      as(lead.acting, (tx) =>
        addTermBreak(tx, lead.acting, project.id, {
          label: "Backwards",
          startsOn: "2031-12-20",
          endsOn: "2031-12-19",
        }),
      ),
      "INVALID",
    );
    expect(backwards.details.field).toBe("endsOn");
    const winter = await as(lead.acting, (tx) =>
      addTermBreak(tx, lead.acting, project.id, {
        label: "Winter",
        startsOn: "2031-12-20",
        endsOn: "2032-01-05",
      }),
    );
    // Any signed-in user reads them, earliest first.
    const caseworker = await createUser(database.db, [
      { organisationId: network.id, roleKey: "trainer" },
    ]);
    expect(
      (await as(caseworker.acting, (tx) => listTermBreaks(tx, project.id))).map((b) => b.label),
    ).toEqual(["Summer vacation", "Winter"]);

    await as(lead.acting, (tx) => removeTermBreak(tx, lead.acting, project.id, summer.id));
    expect((await listTermBreaks(database.db, project.id)).map((b) => b.id)).toEqual([winter.id]);
    const added = await eventsFor(project.id, "organisation.term_break_added");
    expect(added.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        {
          termBreakId: summer.id,
          label: "Summer vacation",
          startsOn: "2031-06-15",
          endsOn: "2031-09-20",
        },
        { termBreakId: winter.id, label: "Winter", startsOn: "2031-12-20", endsOn: "2032-01-05" },
      ]),
    );
    expect(added).toHaveLength(2);
    const [removed] = await eventsFor(project.id, "organisation.term_break_removed");
    expect(removed).toMatchObject({ actorUserId: lead.id, organisationId: project.id });
    expect(removed?.details).toMatchObject({ termBreakId: summer.id });
  });
});

describe("a project lead and another project", () => {
  it("cannot change its details or term breaks, in code or in the database", async () => {
    const own = await createOrganisation(database.db);
    const other = await createOrganisation(database.db, { capacity: 7 });
    const lead = await createUser(database.db, [
      { organisationId: own.id, roleKey: "project_lead" },
    ]);
    const [otherBreak] = await database.db
      .insert(projectTermBreaks)
      .values({
        organisationId: other.id,
        label: "Theirs",
        startsOn: "2031-01-01",
        endsOn: "2031-01-10",
      })
      .returning();
    if (!otherBreak) throw new Error("no break");

    // In code: another project is not even visible to them.
    await refusal(
      as(lead.acting, (tx) =>
        updateProject(tx, lead.acting, other.id, {
          ...projectInput({ name: "Taken over", contactEmail: "evil@example.org" }),
          version: other.version,
        }),
      ),
      "NOT_FOUND",
    );
    await refusal(
      as(lead.acting, (tx) =>
        addTermBreak(tx, lead.acting, other.id, {
          label: "Sabotage",
          startsOn: "2031-02-01",
          endsOn: "2031-02-02",
        }),
      ),
      "NOT_FOUND",
    );
    // A lead who can see the other project (a caseworker there) is refused by permission.
    const twoHats = await createUser(database.db, [
      { organisationId: own.id, roleKey: "project_lead" },
      { organisationId: other.id, roleKey: "caseworker" },
    ]);
    await refusal(
      as(twoHats.acting, (tx) =>
        updateProject(tx, twoHats.acting, other.id, {
          ...projectInput({ name: "Taken over" }),
          version: other.version,
        }),
      ),
      "FORBIDDEN",
    );
    await refusal(
      as(twoHats.acting, (tx) => removeTermBreak(tx, twoHats.acting, other.id, otherBreak.id)),
      "FORBIDDEN",
    );

    // In the database: raw SQL as the lead changes nothing.
    for (const who of [lead, twoHats]) {
      const changed = await asUser(database.db, who.id, (tx) =>
        tx
          .update(organisations)
          .set({ contactEmail: "evil@example.org", specialisms: ["hijacked"] })
          .where(eq(organisations.id, other.id))
          .returning(),
      );
      expect(changed).toEqual([]);
      const deleted = await asUser(database.db, who.id, (tx) =>
        tx.delete(projectTermBreaks).where(eq(projectTermBreaks.id, otherBreak.id)).returning(),
      );
      expect(deleted).toEqual([]);
      await expectRefused(
        asUser(database.db, who.id, (tx) =>
          tx
            .insert(projectTermBreaks)
            .values({ organisationId: other.id, startsOn: "2031-03-01", endsOn: "2031-03-02" }),
        ),
        /row-level security/,
      );
    }
    expect(await row(other.id)).toMatchObject({
      name: other.name,
      contactEmail: null,
      specialisms: [],
      version: other.version,
    });
    expect((await listTermBreaks(database.db, other.id)).map((b) => b.label)).toEqual(["Theirs"]);
  });
});

describe("the public directory", () => {
  it("lists member projects, closed ones as closed, with nothing personal", async () => {
    const active = await createOrganisation(database.db, {
      hostInstitution: "Open University of Testing",
      specialisms: ["Forensic science"],
      contactEmail: "open@example.ac.uk",
      website: "https://open.example.ac.uk",
      contactPhone: "01632 960 002",
      addressLines: ["1 Test Street"],
    });
    const closed = await createOrganisation(database.db, {
      status: "closed",
      closedOn: "2014-07-31",
      contactEmail: "gone@example.ac.uk",
      website: "https://gone.example.ac.uk",
    });
    const paused = await createOrganisation(database.db, {
      status: "paused",
      pausedOn: "2026-01-05",
      contactEmail: "resting@example.ac.uk",
    });
    const member = await createUser(
      database.db,
      [{ organisationId: active.id, roleKey: "project_lead" }],
      { name: `Priya Personal ${unique()}` },
    );
    const openCase = await projectCase(active.id);

    const directory = await listProjectDirectory(database.db);
    const byName = new Map(directory.projects.map((p) => [p.name, p]));
    expect(byName.get(active.name)).toEqual({
      name: active.name,
      hostInstitution: "Open University of Testing",
      projectKind: "university",
      jurisdictions: ["england_wales"],
      specialisms: ["Forensic science"],
      status: "active",
      pausedOn: null,
      closedOn: null,
      contactEmail: "open@example.ac.uk",
      website: "https://open.example.ac.uk",
    });
    // Closed stays listed, as closed, without contacts; paused likewise without contacts.
    expect(byName.get(closed.name)).toMatchObject({
      status: "closed",
      closedOn: "2014-07-31",
      contactEmail: null,
      website: null,
    });
    expect(byName.get(paused.name)).toMatchObject({
      status: "paused",
      pausedOn: "2026-01-05",
      contactEmail: null,
    });
    // Active first, then paused, then closed.
    const order = directory.projects.map((p) => p.status);
    expect(order).toEqual([...order].sort((a, b) => rank(a) - rank(b)));
    // Member projects only, and nothing about any person or case.
    expect(byName.has(network.name)).toBe(false);
    const text = JSON.stringify(directory);
    for (const personal of [
      member.email,
      openCase.applicant.fullName,
      "Priya Personal",
      openCase.reference,
      "01632 960 002",
      "1 Test Street",
    ]) {
      expect(text).not.toContain(personal);
    }
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });
});

function rank(status: string): number {
  return ["active", "paused", "closed"].indexOf(status);
}

describe("the network's overview", () => {
  it("counts active cases against capacity, offers waiting, quiet cases and reports due", async () => {
    const project = await createOrganisation(database.db, { capacity: 3 });
    const quiet = await createOrganisation(database.db, {
      capacity: 1,
      status: "paused",
      pausedOn: isoInDays(-10),
    });
    // Active: one quiet for 90 days with its report overdue, one fresh with its report due
    // in 10 days, one quiet for 45 days with its report due in 40 days.
    await projectCase(project.id, { quietDays: 90, reportDueInDays: -5 });
    await projectCase(project.id, { quietDays: 0, reportDueInDays: 10 });
    await projectCase(project.id, { quietDays: 45, reportDueInDays: 40 });
    // Not active: handed back long ago, report long overdue — counted nowhere.
    await projectCase(project.id, { stage: "handed_back", quietDays: 400, reportDueInDays: -100 });
    await offer(project.id);
    await offer(project.id, "declined");
    // The other project is over capacity.
    await projectCase(quiet.id, { quietDays: 61, reportDueInDays: 30 });
    await projectCase(quiet.id, { quietDays: 59, reportDueInDays: 31 });

    const coordinator = await createUser(database.db, [
      { organisationId: network.id, roleKey: "referral_coordinator" },
    ]);
    const overview = await as(coordinator.acting, (tx) =>
      getProjectsOverview(tx, coordinator.acting),
    );
    expect(overview.staleDays).toBe(60);
    expect(overview.casesVisible).toBe(true);
    const byId = new Map(overview.projects.map((p) => [p.id, p]));
    expect(byId.get(project.id)).toMatchObject({
      capacity: 3,
      activeCases: 3,
      offersWaiting: 1,
      staleCases: 1,
      reportsOverdue: 1,
      reportsDueSoon: 1,
    });
    expect(byId.get(quiet.id)).toMatchObject({
      status: "paused",
      capacity: 1,
      activeCases: 2,
      offersWaiting: 0,
      staleCases: 1,
      reportsOverdue: 0,
      reportsDueSoon: 1,
    });
    // Totals are the sums over every project listed.
    const sum = (
      k: "activeCases" | "offersWaiting" | "staleCases" | "reportsOverdue" | "reportsDueSoon",
    ) => overview.projects.reduce((n, p) => n + p[k], 0);
    expect(overview.totals).toMatchObject({
      activeCases: sum("activeCases"),
      offersWaiting: sum("offersWaiting"),
      staleCases: sum("staleCases"),
      reportsOverdue: sum("reportsOverdue"),
      reportsDueSoon: sum("reportsDueSoon"),
    });
    expect(overview.totals.activeCases).toBeGreaterThanOrEqual(5);

    // The network changes N: 40 days makes the 45-day-quiet case count too; audited.
    expect(
      SettingsSchema.safeParse({ acknowledgementTargetDays: "10", staleCaseDays: "3" }).success,
    ).toBe(false);
    const settingsForm = SettingsSchema.parse({
      acknowledgementTargetDays: "10",
      staleCaseDays: "40",
    });
    await as(admin.acting, (tx) =>
      updateNetworkSettings(tx, admin.acting, { ...settingsForm, returnAddress: [] }),
    );
    expect(await staleCaseDays(database.db)).toBe(40);
    const [changed] = await eventsFor("stale_case_days", "settings.changed");
    expect(changed?.details).toEqual({ from: 60, to: 40 });
    const after = await as(coordinator.acting, (tx) => getProjectsOverview(tx, coordinator.acting));
    expect(after.staleDays).toBe(40);
    const again = new Map(after.projects.map((p) => [p.id, p]));
    expect(again.get(project.id)?.staleCases).toBe(2);
    expect(again.get(quiet.id)?.staleCases).toBe(2);
    // Left out of the form, the setting stays as it is.
    await as(admin.acting, (tx) =>
      updateNetworkSettings(tx, admin.acting, { acknowledgementTargetDays: 10, returnAddress: [] }),
    );
    expect(await staleCaseDays(database.db)).toBe(40);
  });

  it("is refused to project members, and shows no counts to staff who cannot see cases", async () => {
    const project = await createOrganisation(database.db);
    await projectCase(project.id);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    await refusal(
      as(lead.acting, (tx) => getProjectsOverview(tx, lead.acting)),
      "FORBIDDEN",
    );
    const trainer = await createUser(database.db, [
      { organisationId: network.id, roleKey: "trainer" },
    ]);
    const overview = await as(trainer.acting, (tx) => getProjectsOverview(tx, trainer.acting));
    expect(overview.casesVisible).toBe(false);
    expect(overview.projects.some((p) => p.id === project.id)).toBe(true);
  });
});

describe("the demo projects", () => {
  it("get addresses, contacts, specialisms and one term break, once", async () => {
    const ashdown = await createOrganisation(database.db, {
      name: "Ashdown University Innocence Project",
    });
    const marlow = await createOrganisation(database.db, {
      name: "Marlow Heath Innocence Project",
      status: "paused",
    });
    await asSystem(database.db, (tx) => seedDemoProjectDetails(tx));
    const first = await row(ashdown.id);
    expect(first.addressLines.at(-1)).toBe("AS1 4LW");
    expect(first.contactEmail).toBe("innocence@ashdown.test");
    expect(first.specialisms).toContain("Joint enterprise");
    expect((await row(marlow.id)).pausedOn).toBe(isoInDays(-45));
    // Edited since, then seeded again: nothing is overwritten or added.
    await database.db
      .update(organisations)
      .set({ contactEmail: "changed@ashdown.test" })
      .where(eq(organisations.id, ashdown.id));
    await asSystem(database.db, (tx) => seedDemoProjectDetails(tx));
    expect((await row(ashdown.id)).contactEmail).toBe("changed@ashdown.test");
    const breaks = await listTermBreaks(database.db, ashdown.id);
    expect(breaks.map((b) => [b.label, b.startsOn, b.endsOn])).toEqual([
      ["Vacation", isoInDays(60), isoInDays(120)],
    ]);
  });
});
