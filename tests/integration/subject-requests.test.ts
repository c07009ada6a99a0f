import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { closeRequest } from "~/data-protection/requests/close-request.server";
import { editRequest } from "~/data-protection/requests/edit-request.server";
import { extendRequest } from "~/data-protection/requests/extend-request.server";
import { findRecords } from "~/data-protection/requests/find-records.server";
import { getRequest } from "~/data-protection/requests/get-request.server";
import { listRequests } from "~/data-protection/requests/list-requests.server";
import { logRequest } from "~/data-protection/requests/log-request.server";
import {
  type AsOfficer,
  prepareBundle,
  produceBundle,
  releaseBundle,
} from "~/data-protection/requests/produce-bundle.server";
import { readBundle } from "~/data-protection/requests/read-bundle.server";
import { requireRequest } from "~/data-protection/requests/require-request.server";
import { reviewItem } from "~/data-protection/requests/review-item.server";
import { ReviewSchema } from "~/data-protection/requests/schemas";
import { sendRequestReminders } from "~/data-protection/requests/send-request-reminders.server";
import type { Tx } from "~/db/database.server";
import {
  applicants,
  applications,
  auditEvents,
  caseDocuments,
  caseNotes,
  casePeople,
  cases,
  correspondence,
  dataSubjectRequestItems,
  dataSubjectRequests,
  disclosureExemptions,
  legalHolds,
  notifications,
  people,
} from "~/db/schema";
import * as exemptionsPage from "~/routes/data-protection/exemptions";
import * as requestsPage from "~/routes/data-protection/requests";
import { today } from "~/shared/dates";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { mailboxMailer } from "../support/mailbox";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import { formPost, outcomeOf, routeContext } from "../support/route-call";
import { tinyPdf } from "../support/scans";

/**
 * Subject access, rectification and erasure requests on the real database: what a search
 * finds at the network and at a project (the person's own records and those that mention
 * them), the review, the bundle as the requester receives it, and each organisation's
 * officer kept to its own requests and records. Every call runs as the officer under
 * row-level security.
 */
const ctx = setUpCasework("subject-requests");
const tag = randomBytes(3).toString("hex");
const witness = `Maria Okafor${tag}`;
let dpo: TestUser;
let client: AcceptedCase;
let other: AcceptedCase;
let clientApplicantId: string;
let caseDocumentId: string;

const as = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => ctx.as(user, fn);
/** The officer's own transactions, as the page's bundle form runs them. */
const officer =
  (user: TestUser): AsOfficer =>
  (fn) =>
    ctx.as(user, (tx) => fn(tx, user.acting));
const firstLead = () => ctx.people.first.lead;
const secondLead = () => ctx.people.second.lead;

const request = (kind: "access" | "rectification" | "erasure", personName: string, extra = {}) => ({
  kind,
  personName,
  personDetails: "",
  applicantId: null,
  contactAddress: "HMP Altcourse\nHigher Lane\nLiverpool L9 7LH",
  identityCheck: "Prisoner number and date of birth match the record",
  details: "",
  receivedOn: "2026-11-20",
  ...extra,
});

async function decideAll(
  user: TestUser,
  requestId: string,
  decide: (item: {
    id: string;
    itemType: string;
    foundAs: string;
    title: string;
  }) => Record<string, string | undefined>,
) {
  const items = await as(user, (tx) =>
    tx
      .select()
      .from(dataSubjectRequestItems)
      .where(eq(dataSubjectRequestItems.requestId, requestId)),
  );
  for (const item of items)
    await as(user, (tx) =>
      reviewItem(
        tx,
        user.acting,
        requestId,
        ReviewSchema.parse({ itemId: item.id, ...decide(item) }),
      ),
    );
  return items;
}

beforeAll(async () => {
  dpo = await createUser(ctx.db, [
    { organisationId: ctx.people.networkId, roleKey: "data_protection_officer" },
  ]);
  client = await acceptedCase(ctx, { project: "first" });
  other = await acceptedCase(ctx, { project: "first" });
  const [clientApp, otherApp] = await Promise.all(
    [client, other].map(async (c) => {
      const [a] = await ctx.db
        .select({ applicantId: applications.applicantId })
        .from(applications)
        .where(eq(applications.id, c.applicationId));
      return a?.applicantId ?? "";
    }),
  );
  clientApplicantId = clientApp ?? "";
  // The scenario gives every applicant the same prisoner number; the other is someone else.
  await ctx.db
    .update(applicants)
    .set({ prisonerNumber: "B9876YZ" })
    .where(eq(applicants.id, otherApp ?? ""));
  // At the network: a call about the client naming the witness, and another applicant's
  // letter naming the client as a co-defendant.
  await ctx.db.insert(correspondence).values([
    {
      applicantId: clientApplicantId,
      direction: "in",
      kind: "call",
      occurredOn: "2026-03-01",
      summary: `Sister called: the witness ${witness} has moved away.`,
    },
    {
      applicantId: otherApp ?? "",
      direction: "in",
      kind: "letter",
      occurredOn: "2026-03-02",
      summary: `Says his co-defendant ${client.fullName} was never at the scene.`,
    },
  ]);
  // At the first project: the witness on the client's case, a note and a statement naming
  // her, and a note on another client's case naming this client.
  const [person] = await ctx.db
    .insert(people)
    .values({ organisationId: ctx.people.first.id, name: witness, kind: "witness" })
    .returning();
  await ctx.db
    .insert(casePeople)
    .values({ caseId: client.caseId, personId: person?.id ?? "", role: "Eyewitness" });
  await ctx.db.insert(caseNotes).values([
    {
      caseId: client.caseId,
      authorId: firstLead().id,
      body: `Spoke to ${witness} about the night.`,
    },
    {
      caseId: other.caseId,
      authorId: firstLead().id,
      body: `Co-defendant ${client.fullName} may help.`,
    },
  ]);
  const stored = await ctx.store.put(tinyPdf(`Statement of ${witness}`));
  const [doc] = await ctx.db
    .insert(caseDocuments)
    .values({
      caseId: client.caseId,
      filename: "statement.pdf",
      mediaType: "application/pdf",
      ...stored,
      extractedText: `Statement of ${witness}: I saw ${client.fullName} at the bus stop at ten.`,
    })
    .returning();
  caseDocumentId = doc?.id ?? "";
}, 180_000);

describe("a subject access request at the network", () => {
  let requestId: string;

  it("is logged with a reference and a due date one calendar month on", async () => {
    const logged = await as(dpo, (tx) =>
      logRequest(
        tx,
        dpo.acting,
        request("access", client.fullName, { applicantId: clientApplicantId }),
      ),
    );
    requestId = logged.id;
    expect(logged.reference).toMatch(/^DSR-2026-\d{4}$/);
    const saved = await as(dpo, (tx) => requireRequest(tx, dpo.acting, requestId));
    expect(saved.dueOn).toBe("2026-12-20");
  });

  it("finds the applicant's own records and another's letter that mentions them", async () => {
    const { found } = await as(dpo, (tx) => findRecords(tx, dpo.acting, requestId));
    const items = await as(dpo, (tx) =>
      tx
        .select()
        .from(dataSubjectRequestItems)
        .where(eq(dataSubjectRequestItems.requestId, requestId)),
    );
    expect(found).toBe(items.length);
    const kinds = (as: string) =>
      items
        .filter((i) => i.foundAs === as)
        .map((i) => i.itemType)
        .sort();
    expect(kinds("subject")).toEqual(
      expect.arrayContaining([
        "applicant",
        "application",
        "assessment",
        "correspondence",
        "document",
        "letter",
      ]),
    );
    expect(kinds("third_party")).toEqual(["correspondence"]);
    // Nothing of a project's case file is the network's to disclose.
    expect(items.some((i) => i.itemType.startsWith("case"))).toBe(false);
  });

  it("keeps the decisions made when searched again", async () => {
    const [first] = await as(dpo, (tx) =>
      tx
        .select()
        .from(dataSubjectRequestItems)
        .where(eq(dataSubjectRequestItems.requestId, requestId)),
    );
    await as(dpo, (tx) =>
      reviewItem(
        tx,
        dpo.acting,
        requestId,
        ReviewSchema.parse({ itemId: first?.id, decision: "released" }),
      ),
    );
    const again = await as(dpo, (tx) => findRecords(tx, dpo.acting, requestId));
    expect(again.added).toBe(0);
    const [kept] = await as(dpo, (tx) =>
      tx
        .select()
        .from(dataSubjectRequestItems)
        .where(eq(dataSubjectRequestItems.id, first?.id ?? "")),
    );
    expect(kept?.decision).toBe("released");
  });

  it("refuses a bundle while items wait for a decision, and a withholding without an exemption", async () => {
    expect((await appError(produceBundle(officer(dpo), ctx.store, requestId))).message).toMatch(
      /still to review/,
    );
    expect(
      ReviewSchema.safeParse({ itemId: clientApplicantId, decision: "withheld" }).success,
    ).toBe(false);
  });

  it("produces a bundle with the letter, the data and the documents, the witness's name removed", async () => {
    const [thirdParty] = await as(dpo, (tx) =>
      tx
        .select()
        .from(disclosureExemptions)
        .where(eq(disclosureExemptions.label, "Third-party data")),
    );
    const exemptionId =
      thirdParty?.id ??
      (await as(dpo, (tx) => tx.select().from(disclosureExemptions)))[0]?.id ??
      "";
    await decideAll(dpo, requestId, (item) =>
      item.foundAs === "third_party"
        ? { decision: "withheld", exemptionId }
        : item.itemType === "correspondence"
          ? { decision: "redacted", redactions: witness }
          : item.itemType === "document"
            ? { decision: "redacted", redactions: "second witness" }
            : { decision: "released" },
    );
    const { bundleId } = await produceBundle(officer(dpo), ctx.store, requestId);
    const { bytes } = await as(dpo, (tx) =>
      readBundle(tx, dpo.acting, ctx.store, requestId, bundleId),
    );
    const zip = unzipSync(new Uint8Array(bytes));
    const names = Object.keys(zip);
    expect(names).toContain("covering-letter-and-index.pdf");
    expect(names).toContain("data.json");
    const json = Buffer.from(zip["data.json"] ?? []).toString("utf8");
    const data = JSON.parse(json);
    expect(json).toContain("[redacted] has moved away");
    expect(json).not.toContain(witness);
    expect(json).not.toContain("never at the scene");
    expect(data.withheld).toHaveLength(1);
    // The decision letter goes whole, the scan as its text with the passage removed.
    expect(names.some((n) => n.startsWith("documents/") && n.endsWith(".released-text.pdf"))).toBe(
      true,
    );
    expect(names.filter((n) => n.startsWith("documents/")).length).toBeGreaterThanOrEqual(2);
    if (PDFTOTEXT) {
      const letter = pdfText(zip["covering-letter-and-index.pdf"] ?? new Uint8Array());
      expect(letter).toContain("Information Commissioner");
      expect(letter).toContain("Withheld: Third-party data");
      const scan = names.find((n) => n.endsWith(".released-text.pdf")) ?? "";
      const released = pdfText(zip[scan] ?? new Uint8Array());
      expect(released).toContain("Witness statement of the [redacted]");
      expect(released).not.toContain("second witness");
    } else console.warn(NEEDS_PDFTOTEXT);
    const [event] = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "subject_request.bundle_released"),
          eq(auditEvents.entityId, requestId),
        ),
      );
    expect(event?.subjectId).toBe(clientApplicantId);
    expect(event?.organisationId).toBe(ctx.people.networkId);
    expect(JSON.stringify(event?.details)).not.toContain(witness);
  });
  it("is not released when a decision changed while it was being built", async () => {
    const prepared = await prepareBundle(officer(dpo), ctx.store, requestId);
    const [item] = await as(dpo, (tx) =>
      tx
        .select()
        .from(dataSubjectRequestItems)
        .where(
          and(
            eq(dataSubjectRequestItems.requestId, requestId),
            eq(dataSubjectRequestItems.itemType, "applicant"),
          ),
        ),
    );
    await as(dpo, (tx) =>
      reviewItem(
        tx,
        dpo.acting,
        requestId,
        ReviewSchema.parse({ itemId: item?.id, decision: "redacted", redactions: "Zed" }),
      ),
    );
    const refused = await appError(
      as(dpo, (tx) => releaseBundle(tx, dpo.acting, ctx.store, requestId, prepared)),
    );
    expect(refused.code).toBe("CONFLICT");
  });
});

describe("a subject access request at a project", () => {
  let requestId: string;

  it("finds the client's case file and the case where they are named", async () => {
    const lead = firstLead();
    requestId = (
      await as(lead, (tx) => logRequest(tx, lead.acting, request("access", client.fullName)))
    ).id;
    await as(lead, (tx) => findRecords(tx, lead.acting, requestId));
    const items = await as(lead, (tx) =>
      tx
        .select()
        .from(dataSubjectRequestItems)
        .where(eq(dataSubjectRequestItems.requestId, requestId)),
    );
    const subject = items.filter((i) => i.foundAs === "subject").map((i) => i.itemType);
    expect(subject).toEqual(expect.arrayContaining(["case", "case_note", "case_document"]));
    const third = items.filter((i) => i.foundAs === "third_party");
    expect(third.map((i) => i.itemType)).toEqual(["case_note"]);
    expect(
      items.some((i) => ["applicant", "application", "correspondence"].includes(i.itemType)),
    ).toBe(false);
  });

  it("finds the witness's own mentions when she asks", async () => {
    const lead = firstLead();
    const id = (await as(lead, (tx) => logRequest(tx, lead.acting, request("access", witness)))).id;
    await as(lead, (tx) => findRecords(tx, lead.acting, id));
    const items = await as(lead, (tx) =>
      tx.select().from(dataSubjectRequestItems).where(eq(dataSubjectRequestItems.requestId, id)),
    );
    expect(items.map((i) => i.itemType).sort()).toEqual([
      "case_document",
      "case_note",
      "case_person",
    ]);
    expect(items.every((i) => i.foundAs === "third_party")).toBe(true);
  });

  it("releases the statement as its text without the witness's name", async () => {
    const lead = firstLead();
    await decideAll(lead, requestId, (item) =>
      item.itemType === "case_document" || item.foundAs === "subject"
        ? { decision: "redacted", redactions: witness }
        : { decision: "released" },
    );
    const { bundleId } = await produceBundle(officer(lead), ctx.store, requestId);
    const { bytes } = await as(lead, (tx) =>
      readBundle(tx, lead.acting, ctx.store, requestId, bundleId),
    );
    const zip = unzipSync(new Uint8Array(bytes));
    const json = Buffer.from(zip["data.json"] ?? []).toString("utf8");
    expect(json).not.toContain(witness);
    const statement = Object.keys(zip).find((n) => /\d-statement\./.test(n));
    expect(statement).toMatch(/\.released-text\.pdf$/);
    if (PDFTOTEXT) {
      const released = pdfText(zip[statement ?? ""] ?? new Uint8Array());
      expect(released).toContain("Statement of [redacted]");
      expect(released).not.toContain("Okafor");
    }
    expect(caseDocumentId).not.toBe("");
  });
});

describe("each organisation's officer", () => {
  it("sees only its own organisation's requests", async () => {
    const second = secondLead();
    await as(second, (tx) => logRequest(tx, second.acting, request("access", client.fullName)));
    const seen = await as(second, (tx) => listRequests(tx, second.acting));
    expect(seen.length).toBe(1);
    const network = await as(dpo, (tx) => listRequests(tx, dpo.acting));
    expect(network.some((r) => seen.some((s) => s.id === r.id))).toBe(false);
    const first = await as(firstLead(), (tx) => listRequests(tx, firstLead().acting));
    expect(
      (await appError(as(second, (tx) => getRequest(tx, second.acting, first[0]?.id ?? "")))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await appError(as(second, (tx) => getRequest(tx, second.acting, network[0]?.id ?? ""))))
        .code,
    ).toBe("NOT_FOUND");
  });

  it("finds nothing in another project's case files or the network's records", async () => {
    const second = secondLead();
    const [mine] = await as(second, (tx) => listRequests(tx, second.acting));
    const { found } = await as(second, (tx) => findRecords(tx, second.acting, mine?.id ?? ""));
    expect(found).toBe(0);
    // Nor can it read the network's items or change its requests directly.
    const rows = await as(second, (tx) => tx.select().from(dataSubjectRequestItems));
    expect(rows.every((r) => r.organisationId === ctx.people.second.id)).toBe(true);
    const updated = await as(second, (tx) =>
      tx
        .update(dataSubjectRequests)
        .set({ status: "withdrawn" })
        .where(eq(dataSubjectRequests.organisationId, ctx.people.networkId))
        .returning(),
    );
    expect(updated).toHaveLength(0);
  });
});

describe("deadlines, extension, rectification and erasure", () => {
  it("extends the deadline with a letter to the requester, within two further months", async () => {
    const id = (
      await as(dpo, (tx) =>
        logRequest(
          tx,
          dpo.acting,
          request("access", client.fullName, { receivedOn: "2026-10-31" }),
        ),
      )
    ).id;
    const tooLate = await appError(
      as(dpo, (tx) =>
        extendRequest(tx, dpo.acting, ctx.store, id, {
          extendTo: "2027-02-01",
          reason: "Many records",
        }),
      ),
    );
    expect(tooLate.message).toMatch(/2027-01-31/);
    await as(dpo, (tx) =>
      extendRequest(tx, dpo.acting, ctx.store, id, {
        extendTo: "2027-01-31",
        reason: "Many records",
      }),
    );
    const detail = await as(dpo, (tx) => getRequest(tx, dpo.acting, id));
    expect(detail.request.status).toBe("extended");
    expect(detail.request.dueOn).toBe("2026-11-30");
    expect(detail.letters).toHaveLength(1);
    const bytes = await ctx.store.get(detail.letters[0]?.storageKey ?? "");
    if (PDFTOTEXT) expect(pdfText(bytes)).toContain("Many records");
  });

  it("records a rectification's decision with its reasons", async () => {
    const id = (
      await as(dpo, (tx) => logRequest(tx, dpo.acting, request("rectification", client.fullName)))
    ).id;
    await as(dpo, (tx) =>
      closeRequest(tx, dpo.acting, id, {
        outcome: "completed",
        decision: "Date of birth corrected on the applicant record.",
      }),
    );
    const saved = await as(dpo, (tx) => requireRequest(tx, dpo.acting, id));
    expect(saved.status).toBe("completed");
    expect(saved.decision).toMatch(/corrected/);
  });

  it("refuses to complete an erasure while a case is open or a hold stands", async () => {
    const lead = firstLead();
    const id = (
      await as(lead, (tx) => logRequest(tx, lead.acting, request("erasure", client.fullName)))
    ).id;
    await as(lead, (tx) => findRecords(tx, lead.acting, id));
    const refused = await appError(
      as(lead, (tx) =>
        closeRequest(tx, lead.acting, id, { outcome: "completed", decision: "Erase" }),
      ),
    );
    expect(refused.message).toMatch(/the case CN-\d{4}-\d{5} is open at Ashdown/);
    await ctx.db.insert(legalHolds).values({
      organisationId: ctx.people.first.id,
      targetType: "case",
      targetId: client.caseId,
      reason: "Appeal pending",
      placedBy: lead.id,
    });
    const held = await appError(
      as(lead, (tx) =>
        closeRequest(tx, lead.acting, id, { outcome: "completed", decision: "Erase" }),
      ),
    );
    expect(held.message).toMatch(/held: Appeal pending/);
    await as(lead, (tx) =>
      closeRequest(tx, lead.acting, id, {
        outcome: "refused",
        decision: "The case is open and held.",
      }),
    );
    expect((await as(lead, (tx) => requireRequest(tx, lead.acting, id))).status).toBe("refused");
  });

  it("erases a closed case at the project, as the retention sweep does", async () => {
    const lead = firstLead();
    await ctx.db
      .update(cases)
      .set({ stage: "closed", endedAt: new Date() })
      .where(eq(cases.id, other.caseId));
    const id = (
      await as(lead, (tx) => logRequest(tx, lead.acting, request("erasure", other.fullName)))
    ).id;
    await as(lead, (tx) => findRecords(tx, lead.acting, id));
    const { erasedFiles } = await as(lead, (tx) =>
      closeRequest(tx, lead.acting, id, {
        outcome: "completed",
        decision: "The case file is erased.",
      }),
    );
    expect(Array.isArray(erasedFiles)).toBe(true);
    expect(await ctx.db.select().from(cases).where(eq(cases.id, other.caseId))).toHaveLength(0);
    const [erased] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "record.erased"), eq(auditEvents.entityId, other.caseId)));
    expect(erased?.reason).toMatch(/^Erasure request DSR-/);
    expect((await as(lead, (tx) => requireRequest(tx, lead.acting, id))).status).toBe("completed");
  });

  it("reminds the officers a week before the day and once when overdue", async () => {
    const id = (
      await as(dpo, (tx) =>
        logRequest(tx, dpo.acting, request("access", "Reminder Person", { receivedOn: today() })),
      )
    ).id;
    const due = (await as(dpo, (tx) => requireRequest(tx, dpo.acting, id))).dueOn;
    const { mailer } = mailboxMailer(ctx.db);
    const dayBefore = (n: number) =>
      new Date(Date.parse(`${due}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    await sendRequestReminders(ctx.db, mailer, "http://localhost", dayBefore(8));
    await sendRequestReminders(ctx.db, mailer, "http://localhost", dayBefore(7));
    await sendRequestReminders(ctx.db, mailer, "http://localhost", dayBefore(3));
    await sendRequestReminders(ctx.db, mailer, "http://localhost", dayBefore(-1));
    await sendRequestReminders(ctx.db, mailer, "http://localhost", dayBefore(-2));
    const told = await ctx.db
      .select({ title: notifications.title })
      .from(notifications)
      .where(eq(notifications.userId, dpo.id));
    const { reference } = await as(dpo, (tx) => requireRequest(tx, dpo.acting, id));
    const about = told.filter((n) => n.title.includes(reference));
    expect(about.map((n) => n.title.replace(/.* (is due|is overdue).*/, "$1")).sort()).toEqual([
      "is due",
      "is overdue",
    ]);
  });
});

describe("through the pages' actions", () => {
  type Action = (args: {
    request: Request;
    params: Record<string, string>;
    context: ReturnType<typeof routeContext>;
  }) => Promise<unknown>;
  const post = (
    action: Action,
    user: TestUser,
    path: string,
    fields: Record<string, string>,
    params = {},
  ) =>
    outcomeOf(() =>
      action({
        request: formPost(path, fields),
        params,
        context: routeContext({ db: ctx.db } as Parameters<typeof routeContext>[0], user.acting),
      }),
    );
  const fields = {
    intent: "log",
    kind: "access",
    personName: "Nia\u0000 Roberts",
    identityCheck: "Signature matches",
    receivedOn: "2026-11-02",
  };

  it("logs a request as typed, normalised, and refuses one without the identity check on its field", async () => {
    const missing = await post(requestsPage.action as Action, dpo, "/data-protection/requests", {
      ...fields,
      identityCheck: "",
    });
    expect(missing.status).toBe(400);
    const logged = await post(
      requestsPage.action as Action,
      dpo,
      "/data-protection/requests",
      fields,
    );
    expect(logged.status).toBe(302);
    const id = logged.location?.match(/requests\/([0-9a-f-]{36})/)?.[1] ?? "";
    const saved = await as(dpo, (tx) => requireRequest(tx, dpo.acting, id));
    expect(saved.personName).toBe("Nia Roberts");
    expect(saved.dueOn).toBe("2026-12-02");
    // A change made on a page loaded before another's change is refused, not written over it.
    await as(dpo, (tx) =>
      editRequest(tx, dpo.acting, id, {
        ...saved,
        details: "First change",
        version: saved.version,
      }),
    );
    const stale = await appError(
      as(dpo, (tx) =>
        editRequest(tx, dpo.acting, id, {
          ...saved,
          details: "Second change",
          version: saved.version,
        }),
      ),
    );
    expect(stale.code).toBe("CONFLICT");
  });

  it("lets the network's officer keep the exemption list, and not a project's", async () => {
    const label = `Management forecasts ${tag}`;
    const added = await post(exemptionsPage.action as Action, dpo, "/data-protection/exemptions", {
      intent: "save",
      label,
      description: "DPA 2018 Sch 2 para 22",
    });
    expect(added.status).toBe(302);
    const refused = await post(
      exemptionsPage.action as Action,
      firstLead(),
      "/data-protection/exemptions",
      {
        intent: "save",
        label: `${label} again`,
      },
    );
    expect(refused.status).toBe(403);
    const rows = await as(firstLead(), (tx) =>
      tx.select().from(disclosureExemptions).where(eq(disclosureExemptions.label, label)),
    );
    expect(rows).toHaveLength(1);
    // Nor can the project's lead write the list past the page.
    const written = await as(firstLead(), (tx) =>
      tx
        .update(disclosureExemptions)
        .set({ active: false })
        .where(eq(disclosureExemptions.label, label))
        .returning(),
    );
    expect(written).toHaveLength(0);
  });
});
