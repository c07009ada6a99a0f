import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { requires } from "~/access/access";
import { actorOf } from "~/access/acting";
import { exportAuditEvents } from "~/audit/export-audit-events.server";
import { getLastChainCheck } from "~/audit/get-last-chain-check.server";
import { listAccessHistory } from "~/audit/list-access-history.server";
import { listAuditEvents } from "~/audit/list-audit-events.server";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { runChainCheck } from "~/audit/run-chain-check.server";
import { asSystem, type Database, queryRows } from "~/db/database.server";
import { getApplication } from "~/intake/entry/get-application.server";
import { getCase, openCaseDocument } from "~/referrals/get-case.server";
import { loader as oldAuditPage } from "~/routes/admin.audit";
import { action as auditAction, loader as auditPage } from "~/routes/data-protection/audit";
import { loader as historyExport } from "~/routes/data-protection/history.export";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { formPost, outcomeOf, routeContext } from "../support/route-call";

const ctx = setUpCasework("access-history");

let dpo: TestUser;
let sly: TestUser;
let accepted: AcceptedCase;
const names = new Map<string, string>();

const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  const { people, db } = ctx;
  dpo = await createUser(db, [
    { organisationId: people.networkId, roleKey: "data_protection_officer" },
  ]);
  // A name a spreadsheet would run as a formula, were it not guarded.
  sly = await createUser(db, [{ organisationId: people.networkId, roleKey: "assessor" }], {
    name: '=HYPERLINK("http://evil.example","x")',
  });
  accepted = await acceptedCase(ctx, { project: "first" });
  const rows = await asSystem(db, (tx) =>
    queryRows<{ id: string; name: string }>(tx, sql`select id::text, name from users`),
  );
  for (const r of rows) names.set(r.id, r.name);
  // Intake and an assessor open the application.
  for (const who of [people.intake, people.assessor, sly])
    await ctx.as(who, (tx) => getApplication(tx, who.acting, accepted.applicationId));
  // The project's lead opens the case.
  await ctx.as(people.first.lead, (tx) => getCase(tx, people.first.lead.acting, accepted.caseId));
}, 120_000);

describe("an application's access history", () => {
  it("lists both views, by name, as consultations, with the address", async () => {
    const { intake, assessor } = ctx.people;
    const history = await ctx.as(dpo, (tx) =>
      listAccessHistory(tx, dpo.acting, "application", accepted.applicationId),
    );
    expect(history.record.label).toBe(accepted.reference);
    const views = history.events.filter((e) => e.action === "application.viewed");
    const viewers = views.map((e) => e.actorUserId);
    expect(viewers).toContain(intake.id);
    expect(viewers).toContain(assessor.id);
    for (const v of views) {
      expect(v.kind).toBe("consultation");
      expect(v.ip).toBe("127.0.0.1");
    }
    const byIntake = views.find((e) => e.actorUserId === intake.id);
    expect(byIntake?.actorName).toBe(names.get(intake.id));
    expect(history.counts.consultation).toBeGreaterThanOrEqual(3);
  });

  it("takes in its documents, its assessment, its offer and the case made of it", async () => {
    const history = await ctx.as(dpo, (tx) =>
      listAccessHistory(tx, dpo.acting, "application", accepted.applicationId),
    );
    const actions = new Set(history.events.map((e) => e.action));
    expect(actions).toContain("document.uploaded");
    expect(actions).toContain("assessment.decided");
    expect(actions).toContain("referral.offered");
    expect(actions).toContain("referral.accepted");
    expect(actions).toContain("case.viewed");
    expect(history.counts.collection).toBeGreaterThan(0);
    expect(history.counts.disclosure).toBeGreaterThanOrEqual(2);
    // Another application's events are not in it.
    expect(
      history.events.every(
        (e) =>
          e.entityId === accepted.applicationId ||
          e.details.applicationId === accepted.applicationId ||
          ["document", "assessment", "referral_offer", "case", "case_document"].includes(
            e.entityType,
          ),
      ),
    ).toBe(true);
  });

  it("is part of the applicant's history, and reading it is recorded against the record", async () => {
    const [app] = await asSystem(ctx.db, (tx) =>
      queryRows<{ applicant_id: string }>(
        tx,
        sql`select applicant_id::text from applications where id = ${accepted.applicationId}`,
      ),
    );
    const applicantId = app?.applicant_id ?? "";
    const history = await ctx.as(dpo, (tx) =>
      listAccessHistory(tx, dpo.acting, "applicant", applicantId),
    );
    expect(history.record.label).toBe(accepted.fullName);
    expect(
      history.events.some(
        (e) => e.action === "application.viewed" && e.actorUserId === ctx.people.assessor.id,
      ),
    ).toBe(true);
    expect(
      history.events.some(
        (e) => e.action === "audit.history_viewed" && e.entityId === accepted.applicationId,
      ),
    ).toBe(true);
  });
});

describe("the audit tool's filters", () => {
  it("shows everything one user did, and nothing of anyone else", async () => {
    const { intake } = ctx.people;
    const page = await ctx.as(dpo, (tx) => listAuditEvents(tx, dpo.acting, { user: intake.id }));
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.events.every((e) => e.actorUserId === intake.id)).toBe(true);
    expect(
      page.events.some(
        (e) => e.action === "application.viewed" && e.entityId === accepted.applicationId,
      ),
    ).toBe(true);
  });

  it("keeps to the period, the kind and the data subject", async () => {
    const { assessor } = ctx.people;
    const inPeriod = await ctx.as(dpo, (tx) =>
      listAuditEvents(tx, dpo.acting, { user: assessor.id, from: today(), to: today() }),
    );
    expect(inPeriod.events.length).toBeGreaterThan(0);
    const before = await ctx.as(dpo, (tx) =>
      listAuditEvents(tx, dpo.acting, { user: assessor.id, to: "2020-01-01" }),
    );
    expect(before.events).toEqual([]);
    const views = await ctx.as(dpo, (tx) =>
      listAuditEvents(tx, dpo.acting, { user: assessor.id, kind: "consultation" }),
    );
    expect(views.events.length).toBeGreaterThan(0);
    expect(views.events.every((e) => e.kind === "consultation")).toBe(true);
    const changes = await ctx.as(dpo, (tx) =>
      listAuditEvents(tx, dpo.acting, { user: assessor.id, kind: "alteration" }),
    );
    expect(changes.events.some((e) => e.action === "assessment.decided")).toBe(true);
    expect(changes.events.every((e) => e.kind === "alteration")).toBe(true);
  });

  it("pages by sequence number without repeating or skipping", async () => {
    const { intake } = ctx.people;
    await ctx.as(intake, async (tx) => {
      for (let i = 0; i < 60; i++) await getApplication(tx, intake.acting, accepted.applicationId);
    });
    const first = await ctx.as(dpo, (tx) => listAuditEvents(tx, dpo.acting, {}));
    expect(first.more).toBe(true);
    const last = first.events.at(-1)?.seq ?? 0;
    const second = await ctx.as(dpo, (tx) => listAuditEvents(tx, dpo.acting, {}, { before: last }));
    expect(second.events[0]?.seq).toBeLessThan(last);
    const seen = new Set(first.events.map((e) => e.seq));
    expect(second.events.some((e) => seen.has(e.seq))).toBe(false);
  });
});

describe("the CSV export", () => {
  it("holds the history's rows, guarded against formulas, and is itself audited", async () => {
    const { intake, assessor } = ctx.people;
    const out = await ctx.as(dpo, (tx) =>
      exportAuditEvents(tx, dpo.acting, {
        from: "history",
        type: "application",
        id: accepted.applicationId,
      }),
    );
    expect(out.filename).toMatch(/^access-history-application-.*\.csv$/);
    expect(out.csv).toContain(`"${names.get(intake.id)}"`);
    expect(out.csv).toContain(`"${names.get(assessor.id)}"`);
    expect(out.csv).toContain('"application.viewed"');
    expect(out.csv).toContain('"Consultation (viewed or downloaded)"');
    expect(out.csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(out.csv).not.toMatch(/(^|,)"=HYPERLINK/m);
    expect(out.rows).toBeGreaterThanOrEqual(3);
    const exported = await ctx.as(dpo, (tx) =>
      listAuditEvents(tx, dpo.acting, { user: dpo.id, action: "audit.exported" }),
    );
    expect(exported.events[0]?.entityId).toBe(accepted.applicationId);
    expect(exported.events[0]?.details.rows).toBe(out.rows);
  });

  it("exports the audit tool's filter", async () => {
    const { assessor } = ctx.people;
    const out = await ctx.as(dpo, (tx) =>
      exportAuditEvents(tx, dpo.acting, { from: "filter", filter: { user: assessor.id } }),
    );
    const lines = out.csv.trim().split("\r\n");
    expect(lines.length).toBe(out.rows + 1);
    expect(lines.slice(1).every((l) => l.includes(`"${assessor.id}"`))).toBe(true);
  });
});

describe("a project's officer", () => {
  it("reads their own case's history and only their own project's events", async () => {
    const { lead } = ctx.people.first;
    const history = await ctx.as(lead, (tx) =>
      listAccessHistory(tx, lead.acting, "case", accepted.caseId),
    );
    expect(
      history.events.some((e) => e.action === "case.viewed" && e.actorUserId === lead.id),
    ).toBe(true);
    expect(history.events.every((e) => e.organisationId === ctx.people.first.id)).toBe(true);
    const page = await ctx.as(lead, (tx) => listAuditEvents(tx, lead.acting, {}));
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.events.every((e) => e.organisationId === ctx.people.first.id)).toBe(true);
    expect(page.organisations.map((o) => o.id)).toEqual([ctx.people.first.id]);
  });

  it("takes in the searches that showed the case", async () => {
    const { lead } = ctx.people.first;
    // What a search that showed this case among others records (casework.searched).
    await ctx.as(lead, (tx) =>
      recordAuditEvent(tx, actorOf(lead.acting), {
        action: "casework.searched",
        entityType: "search",
        organisationId: ctx.people.first.id,
        details: { hits: 2, caseIds: [randomUUID(), accepted.caseId] },
      }),
    );
    const history = await ctx.as(lead, (tx) =>
      listAccessHistory(tx, lead.acting, "case", accepted.caseId),
    );
    const searched = history.events.find((e) => e.action === "casework.searched");
    expect(searched?.actorUserId).toBe(lead.id);
    expect(searched?.kind).toBe("consultation");
  });

  it("follows a document of the case pack: the project's copy, and the network's original", async () => {
    const { lead } = ctx.people.first;
    const [copy] = await asSystem(ctx.db, (tx) =>
      queryRows<{ id: string; source: string }>(
        tx,
        sql`select id::text, source_document_id::text as source from case_documents
            where case_id = ${accepted.caseId} and source_document_id is not null limit 1`,
      ),
    );
    if (!copy) throw new Error("the case pack has no copy");
    await ctx.as(lead, (tx) =>
      openCaseDocument(tx, lead.acting, ctx.store, accepted.caseId, copy.id),
    );
    const ours = await ctx.as(lead, (tx) =>
      listAccessHistory(tx, lead.acting, "document", copy.id),
    );
    expect(
      ours.events.some((e) => e.action === "case_document.viewed" && e.actorUserId === lead.id),
    ).toBe(true);
    // The network's officer sees the project open its copy in the original's history.
    const original = await ctx.as(dpo, (tx) =>
      listAccessHistory(tx, dpo.acting, "document", copy.source),
    );
    const actions = original.events.map((e) => e.action);
    expect(actions).toContain("document.uploaded");
    expect(actions).toContain("case_document.viewed");
    // The project's lead cannot open the network's original's history.
    const refused = await appError(
      ctx.as(lead, (tx) => listAccessHistory(tx, lead.acting, "document", copy.source)),
    );
    expect(refused.code).toBe("NOT_FOUND");
  });

  it("gets nothing of the network's records or another project's case", async () => {
    const { first, second, networkId } = ctx.people;
    const refused = await appError(
      ctx.as(first.lead, (tx) =>
        listAccessHistory(tx, first.lead.acting, "application", accepted.applicationId),
      ),
    );
    expect(refused.code).toBe("NOT_FOUND");
    const other = await appError(
      ctx.as(second.lead, (tx) =>
        listAccessHistory(tx, second.lead.acting, "case", accepted.caseId),
      ),
    );
    expect(other.code).toBe("NOT_FOUND");
    // Asking for the network's events by filter gives none: the filter stays within their scope.
    const network = await ctx.as(first.lead, (tx) =>
      listAuditEvents(tx, first.lead.acting, { organisation: networkId }),
    );
    expect(network.events).toEqual([]);
    const exported = await ctx.as(first.lead, (tx) =>
      exportAuditEvents(tx, first.lead.acting, {
        from: "filter",
        filter: { organisation: networkId },
      }),
    );
    expect(exported.rows).toBe(0);
  });

  it("cannot run the chain check; a caseworker has no audit at all", async () => {
    const { first, second } = ctx.people;
    expect(
      (await appError(ctx.as(first.lead, (tx) => runChainCheck(tx, first.lead.acting)))).code,
    ).toBe("FORBIDDEN");
    expect(await ctx.as(first.lead, (tx) => getLastChainCheck(tx, first.lead.acting))).toBeNull();
    expect(
      (
        await appError(
          ctx.as(second.caseworker, (tx) => listAuditEvents(tx, second.caseworker.acting, {})),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});

describe("the chain check from the page", () => {
  it("runs, is kept with who ran it, and shows as the last run", async () => {
    const verdict = await ctx.as(dpo, (tx) => runChainCheck(tx, dpo.acting));
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toBeGreaterThan(10);
    const last = await ctx.as(dpo, (tx) => getLastChainCheck(tx, dpo.acting));
    expect(last).toMatchObject({ ok: true, checked: verdict.checked, problem: null });
    expect(last?.by).toBe(names.get(dpo.id));
    const kept = await asSystem(ctx.db, (tx) =>
      queryRows<{ checked_by: string }>(tx, sql`select checked_by::text from audit_chain_checks`),
    );
    expect(kept.map((k) => k.checked_by)).toContain(dpo.id);
    const logged = await ctx.as(dpo, (tx) =>
      listAuditEvents(tx, dpo.acting, { action: "audit.chain_checked" }),
    );
    expect(logged.events[0]?.actorUserId).toBe(dpo.id);
  });
});

describe("the pages", () => {
  const declared = requires("view:audit:any", "protect:data:own");
  const context = (user: TestUser) =>
    routeContext({ db: ctx.db } as Database, user.acting, declared);
  type Args = Parameters<typeof auditPage>[0];

  it("downloads a history as a CSV attachment", async () => {
    const response = (await historyExport({
      request: new Request("http://localhost/x"),
      params: { type: "application", id: accepted.applicationId },
      context: context(dpo),
    } as unknown as Parameters<typeof historyExport>[0])) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="access-history-application-/,
    );
    expect(await response.text()).toContain('"application.viewed"');
  });

  it("shows the filter again with its mistakes, and filters by what is right", async () => {
    const { intake } = ctx.people;
    const url = `http://localhost/data-protection/audit?user=${intake.id}&from=2026-02-31&action=%3Dx`;
    const page = await auditPage({
      request: new Request(url),
      params: {},
      context: context(dpo),
    } as unknown as Args);
    expect(page.typed.from).toBe("2026-02-31");
    expect(page.errors.from).toMatch(/date/);
    expect(page.errors.action).toBeDefined();
    expect(page.events.every((e) => e.actorUserId === intake.id)).toBe(true);
    expect(page.filterQuery).toBe(`?user=${intake.id}`);
  });

  it("runs the chain check from its button and goes back to the tool", async () => {
    const outcome = await outcomeOf(() =>
      auditAction({
        request: formPost("/data-protection/audit", { intent: "check" }),
        params: {},
        context: context(dpo),
      }),
    );
    expect(outcome).toMatchObject({ status: 302, location: "/data-protection/audit?checked=1" });
    const refused = await outcomeOf(() =>
      auditAction({
        request: formPost("/data-protection/audit", { intent: "check" }),
        params: {},
        context: context(ctx.people.first.lead),
      }),
    );
    expect(refused.status).toBe(403);
  });

  it("sends the old audit page to the tool, with its query", async () => {
    const response = oldAuditPage({
      request: new Request("http://localhost/admin/audit?action=auth.signed_in"),
    } as unknown as Parameters<typeof oldAuditPage>[0]) as Response;
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/data-protection/audit?action=auth.signed_in");
  });
});
