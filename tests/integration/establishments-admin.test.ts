import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { asUser, type Database } from "~/db/database.server";
import { applications, auditEvents, establishments, settings } from "~/db/schema";
import { AppError } from "~/errors/app-error";
import { listEstablishments } from "~/establishments/list-establishments.server";
import {
  addEstablishment,
  closeEstablishment,
  reopenEstablishment,
  updateEstablishment,
} from "~/establishments/manage-establishments.server";
import { CloseEstablishmentSchema, EstablishmentSchema } from "~/establishments/schemas";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { loadEstablishments } from "~/intake/establishments.server";
import { recordApplication } from "~/intake/record-application.server";
import { acknowledgementTargetDays } from "~/intake/settings.server";
import { getNetworkSettings, updateNetworkSettings } from "~/settings/network-settings.server";
import { SettingsSchema } from "~/settings/schemas";
import { expectRefused } from "../support/errors";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let admin: TestUser;
let intake: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  admin = await createUser(database.db, [{ organisationId: network.id, roleKey: "administrator" }]);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  await loadEstablishments(database.db);
});
afterAll(async () => {
  await database?.close();
});

const asAdmin = <T>(fn: Parameters<typeof asUser<T>>[2]) => asUser(database.db, admin.id, fn);
const form = (fields: Record<string, string>) => EstablishmentSchema.parse(fields);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : e),
  );

async function eventsFor(entityId: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "establishment"), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.seq);
}

describe("establishments", () => {
  it("are added, renamed, closed and reopened by an administrator, each audited", async () => {
    const added = await asAdmin((tx) =>
      addEstablishment(
        tx,
        admin.acting,
        form({ name: "HMP Brackenfield", jurisdiction: "england_wales" }),
      ),
    );
    expect(added).toMatchObject({ source: "manual", addressLines: [], postcode: null, version: 1 });
    const renamed = await asAdmin((tx) =>
      updateEstablishment(tx, admin.acting, added.id, {
        ...form({
          name: "HMP/YOI Brackenfield",
          addressLines: "Moor Road\nBrackenfield",
          postcode: "br4  2qt",
          jurisdiction: "england_wales",
        }),
        version: 1,
      }),
    );
    expect(renamed).toMatchObject({
      name: "HMP/YOI Brackenfield",
      addressLines: ["Moor Road", "Brackenfield"],
      postcode: "BR4 2QT",
      version: 2,
    });
    // Someone still looking at version 1 cannot overwrite the rename.
    expect(
      await failure(
        asAdmin((tx) =>
          updateEstablishment(tx, admin.acting, added.id, {
            ...form({ name: "HMP Elsewhere", jurisdiction: "scotland" }),
            version: 1,
          }),
        ),
      ),
    ).toBe("CONFLICT");
    await asAdmin((tx) =>
      closeEstablishment(tx, admin.acting, added.id, { closedOn: "2026-03-31", version: 2 }),
    );
    const reopened = await asAdmin((tx) =>
      reopenEstablishment(tx, admin.acting, added.id, { version: 3 }),
    );
    expect(reopened.closedOn).toBeNull();
    const events = await eventsFor(added.id);
    expect(events.map((e) => e.action)).toEqual([
      "establishment.created",
      "establishment.updated",
      "establishment.closed",
      "establishment.reopened",
    ]);
    expect(events.every((e) => e.actorUserId === admin.id)).toBe(true);
    expect(events[1]?.details).toMatchObject({
      changes: { name: { from: "HMP Brackenfield", to: "HMP/YOI Brackenfield" } },
    });
    expect(events[2]?.details).toMatchObject({
      changes: { closedOn: { from: null, to: "2026-03-31" } },
    });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("refuses a second establishment with the same name", async () => {
    const error = await asAdmin((tx) =>
      addEstablishment(
        tx,
        admin.acting,
        form({ name: "hmp/yoi altcourse", jurisdiction: "england_wales" }),
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual({ field: "name" });
  });

  it("are listed by search, open or closed, and keep those with no address visible", async () => {
    await asAdmin((tx) =>
      addEstablishment(
        tx,
        admin.acting,
        form({ name: "HMP Quillmoor", jurisdiction: "england_wales" }),
      ),
    );
    const byName = await asAdmin((tx) =>
      listEstablishments(tx, { q: "quillmoor", status: "all", noAddress: false }),
    );
    expect(byName.rows.map((r) => r.name)).toEqual(["HMP Quillmoor"]);
    const byPostcode = await asAdmin((tx) =>
      listEstablishments(tx, { q: "L9 7LH", status: "open", noAddress: false }),
    );
    expect(byPostcode.rows.map((r) => r.name)).toContain("HMP/YOI Altcourse");
    const unmatched = await asAdmin((tx) =>
      listEstablishments(tx, { status: "all", noAddress: true }),
    );
    expect(unmatched.rows.map((r) => r.name)).toContain("HMP Quillmoor");
    expect(unmatched.rows.every((r) => r.addressLines.length === 0 || r.postcode === null)).toBe(
      true,
    );
    expect(unmatched.counts.noAddress).toBe(unmatched.rows.length);
    const closed = await asAdmin((tx) =>
      listEstablishments(tx, { status: "closed", noAddress: false }),
    );
    expect(closed.rows.length).toBe(closed.counts.closed);
    expect(closed.rows.every((r) => r.closedOn)).toBe(true);
    // A search term is text, never a pattern.
    const wild = await asAdmin((tx) =>
      listEstablishments(tx, { q: "%", status: "all", noAddress: false }),
    );
    expect(wild.rows).toEqual([]);
  });

  it("cannot be changed by intake staff, in code or in the database", async () => {
    expect(
      await failure(
        asUser(database.db, intake.id, (tx) =>
          addEstablishment(
            tx,
            intake.acting,
            form({ name: "HMP Sneaky", jurisdiction: "scotland" }),
          ),
        ),
      ),
    ).toBe("FORBIDDEN");
    await expectRefused(
      asUser(database.db, intake.id, (tx) =>
        tx.insert(establishments).values({ name: "HMP Sneaky" }),
      ),
      /row-level security/,
    );
    const changed = await asUser(database.db, intake.id, (tx) =>
      tx
        .update(establishments)
        .set({ name: "HMP Renamed By Intake" })
        .where(eq(establishments.name, "HMP/YOI Altcourse"))
        .returning(),
    );
    expect(changed).toEqual([]);
  });

  it("checks postcodes and closing dates in the form", () => {
    expect(
      EstablishmentSchema.safeParse({ name: "X", postcode: "NOT A CODE", jurisdiction: "scotland" })
        .success,
    ).toBe(false);
    expect(CloseEstablishmentSchema.safeParse({ closedOn: "2026-02-30" }).success).toBe(false);
    expect(CloseEstablishmentSchema.safeParse({ closedOn: "2999-01-01" }).success).toBe(false);
  });
});

describe("network settings", () => {
  it("change the acknowledgement target, audited, for applications recorded from then on", async () => {
    expect(await asAdmin((tx) => acknowledgementTargetDays(tx))).toBe(10);
    await asAdmin((tx) =>
      updateNetworkSettings(tx, admin.acting, {
        acknowledgementTargetDays: 15,
        returnAddress: ["PO Box 4021", "NM1 4ZZ"],
      }),
    );
    expect(await asAdmin((tx) => getNetworkSettings(tx))).toEqual({
      acknowledgementTargetDays: 15,
      returnAddress: ["PO Box 4021", "NM1 4ZZ"],
    });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "settings.changed"),
          eq(auditEvents.entityId, "acknowledgement_target_working_days"),
        ),
      );
    expect(event?.details).toEqual({ from: 10, to: 15 });
    const r = await asUser(database.db, intake.id, (tx) =>
      recordApplication(
        tx,
        { userId: intake.id },
        {
          applicant: ApplicantSchema.parse({ fullName: "Tobias Wrenfield" }),
          channel: "post",
          receivedOn: "2026-11-02",
          questionnaire: {},
        },
      ),
    );
    const [app] = await database.db
      .select({ due: applications.acknowledgementDueOn })
      .from(applications)
      .where(eq(applications.id, r.applicationId));
    // Monday 2026-11-02 + 15 working days.
    expect(app?.due).toBe("2026-11-23");
    const unchanged = await asAdmin((tx) =>
      updateNetworkSettings(tx, admin.acting, {
        acknowledgementTargetDays: 15,
        returnAddress: ["PO Box 4021", "NM1 4ZZ"],
      }),
    );
    expect(unchanged.changed).toEqual([]);
  });

  it("keep the target between 1 and 60 working days", () => {
    const target = (v: string) =>
      SettingsSchema.safeParse({ acknowledgementTargetDays: v }).success;
    expect([target("1"), target("60")]).toEqual([true, true]);
    expect([target("0"), target("61"), target("ten"), target(""), target("2.5")]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("cannot be changed by intake staff, in code or in the database", async () => {
    expect(
      await failure(
        asUser(database.db, intake.id, (tx) =>
          updateNetworkSettings(tx, intake.acting, {
            acknowledgementTargetDays: 1,
            returnAddress: [],
          }),
        ),
      ),
    ).toBe("FORBIDDEN");
    const changed = await asUser(database.db, intake.id, (tx) =>
      tx
        .update(settings)
        .set({ value: sql`'1'::jsonb` })
        .where(eq(settings.key, "acknowledgement_target_working_days"))
        .returning(),
    );
    expect(changed).toEqual([]);
    expect(await asAdmin((tx) => acknowledgementTargetDays(tx))).toBe(15);
  });
});
