import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requires } from "~/access/access";
import type { Config } from "~/config/config.server";
import { servicesContext } from "~/context.server";
import {
  getPolicyVersion,
  listPolicyVersions,
} from "~/data-protection/policy/list-policy-versions.server";
import { renderPolicyPdf } from "~/data-protection/policy/policy-pdf.server";
import { asUser, type Database } from "~/db/database.server";
import { auditEvents, policyDocuments } from "~/db/schema";
import { action as policyAction } from "~/routes/data-protection/policy";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import { formPost, outcomeOf, routeContext } from "../support/route-call";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let officer: TestUser;
let lead: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  const project = await createOrganisation(database.db, { name: "Glenmorra Innocence Project" });
  officer = await createUser(
    database.db,
    [{ organisationId: network.id, roleKey: "data_protection_officer" }],
    { name: "Dana Officer" },
  );
  lead = await createUser(database.db, [{ organisationId: project.id, roleKey: "project_lead" }]);
});
afterAll(async () => {
  await database?.close();
});

function publish(user: TestUser, expected: string) {
  const context = routeContext(database, user.acting, requires("protect:data:own"));
  // The document reads the idle time-out from the configuration, as the live page does.
  const services = context.get(servicesContext);
  context.set(servicesContext, { ...services, config: { sessionIdleMinutes: 25 } as Config });
  return outcomeOf(() =>
    policyAction({
      request: formPost("/data-protection/policy", { intent: "publish", expected }),
      params: {},
      context,
    } as never),
  );
}

describe("the appropriate policy document", () => {
  it("is published from the live settings as numbered versions, each kept as published", async () => {
    expect(await publish(officer, "0")).toMatchObject({
      status: 302,
      location: "/data-protection/policy/1?published=1",
    });
    // Published again from a page read before version 1: refused, not doubled.
    expect((await publish(officer, "0")).status).toBe(409);
    expect(await publish(officer, "1")).toMatchObject({ status: 302 });

    const versions = await asUser(database.db, officer.id, (tx) =>
      listPolicyVersions(tx, officer.acting),
    );
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const first = await asUser(database.db, officer.id, (tx) =>
      getPolicyVersion(tx, officer.acting, 1),
    );
    const text = JSON.stringify(first.content);
    expect(text).toContain("Dana Officer");
    expect(text).toContain("after 25 minutes idle");
    expect(text).toContain("Applications withdrawn by the applicant: kept 6 years");
    expect(text).toContain("Schedule 1, Part 3: paragraph 33");

    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.action, "policy.published"));
    expect(events).toHaveLength(2);
  });

  it.skipIf(!PDFTOTEXT)(
    `reads as a PDF with its version and sections (${NEEDS_PDFTOTEXT})`,
    async () => {
      const first = await asUser(database.db, officer.id, (tx) =>
        getPolicyVersion(tx, officer.acting, 1),
      );
      const pdf = pdfText(
        await renderPolicyPdf(first.content, { number: 1, publishedOn: "5 December 2026" }),
      );
      expect(pdf).toContain("Version 1, published 5 December 2026");
      expect(pdf).toContain("How erasure is done");
      expect(pdf).toContain("Retention schedule");
    },
  );

  it("is each organisation's own", async () => {
    expect(await publish(lead, "0")).toMatchObject({ status: 302 });
    const theirs = await asUser(database.db, lead.id, (tx) => getPolicyVersion(tx, lead.acting, 1));
    expect(JSON.stringify(theirs.content)).toContain("Glenmorra Innocence Project");
    expect(JSON.stringify(theirs.content)).toContain("Cases closed at a project");
    const seen = await asUser(database.db, lead.id, (tx) => tx.select().from(policyDocuments));
    expect(seen).toHaveLength(1);
  });
});
