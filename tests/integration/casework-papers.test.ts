import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  deleteChronologyEvent,
  getChronology,
  saveChronologyEvent,
} from "~/casework/chronology/chronology.server";
import { renderChronologyPdf } from "~/casework/chronology/chronology-pdf.server";
import { ChronologyEventSchema } from "~/casework/chronology/chronology-schemas";
import {
  chaseRequest,
  NO_AUTHORITY,
  recordReply,
  requestPapers,
} from "~/casework/papers/paper-requests.server";
import {
  ChaseSchema,
  PaperSchema,
  ReplySchema,
  RequestSchema,
} from "~/casework/papers/paper-schemas";
import { addPaper, getPapers, recordAuthority } from "~/casework/papers/papers.server";
import {
  addCasePerson,
  getCasePeople,
  getPerson,
  NO_CONSENT,
  recordContact,
  recordContactConsent,
} from "~/casework/people/people.server";
import { AddPersonSchema, ContactSchema } from "~/casework/people/people-schemas";
import { auditEvents, caseCorrespondence, cases, organisations } from "~/db/schema";
import { openCaseDocument } from "~/referrals/get-case.server";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import { appError } from "../support/intake";

/**
 * Casework: the papers inventory and requests for missing papers (refused until the form of
 * authority is on file, with a generated letter), the chronology, and key characters linked
 * across a project's cases.
 */
const ctx = setUpCasework("casework-papers");
const { as } = ctx;
let caseA: AcceptedCase;
let caseB: AcceptedCase;

beforeAll(async () => {
  // The caseworker is on case A's team only.
  caseA = await acceptedCase(ctx, { project: "second", team: [ctx.people.second.caseworker] });
  caseB = await acceptedCase(ctx, { project: "second" });
  // As the owner: the project has an address.
  await ctx.db
    .update(organisations)
    .set({ addressLines: ["Law School, 1 College Road", "Glenmorra GM1 2AB"] })
    .where(eq(organisations.id, ctx.people.second.id));
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseA.caseId));
  await ctx.db
    .update(cases)
    .set({
      conviction: {
        ...row?.conviction,
        offences: "Robbery",
        offenceDate: "2018-11-03",
        convictionDate: "2019-06-14",
        sentenceDate: "2019-07-20",
        appealStages: [{ stage: "Court of Appeal", date: "2020-05-01", outcome: "Dismissed" }],
        priorReviews: [
          {
            body: "ccrc",
            reference: "00123/2021",
            appliedOn: "2021-03-02",
            decidedOn: "2022-01-10",
            decision: "Not referred",
          },
        ],
      },
    })
    .where(eq(cases.id, caseA.caseId));
}, 300_000);

describe("papers and requests for missing papers", () => {
  it("refuses a request until the form of authority is recorded, then writes and files the letter", async () => {
    const worker = ctx.people.second.caseworker;
    const { paperId } = await as(worker, (tx) =>
      addPaper(
        tx,
        worker.acting,
        caseA.caseId,
        PaperSchema.parse({
          kind: "trial_transcript",
          description: "Summing up",
          location: "Crown Court",
          held: "no",
        }),
      ),
    );
    const request = RequestSchema.parse({
      paperId,
      recipientKind: "former_solicitors",
      recipient: "Hartley & Moss Solicitors",
      recipientAddress: "12 Quay Street\nLiverpool L1 1AA",
      requestedOn: "2026-03-02",
      chaseOn: "2026-03-16",
    });
    const refused = await appError(
      as(worker, (tx) => requestPapers(tx, worker.acting, ctx.store, caseA.caseId, request)),
    );
    expect(refused.code).toBe("INVALID");
    expect(refused.message).toBe(NO_AUTHORITY);

    await as(worker, (tx) =>
      recordAuthority(tx, worker.acting, caseA.caseId, {
        recordedOn: "2026-03-01",
        documentId: null,
      }),
    );
    const { requestId, documentId } = await as(worker, (tx) =>
      requestPapers(tx, worker.acting, ctx.store, caseA.caseId, request),
    );
    const doc = await as(worker, (tx) =>
      openCaseDocument(tx, worker.acting, ctx.store, caseA.caseId, documentId),
    );
    expect(doc.mediaType).toBe("application/pdf");
    expect(doc.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    if (fs.existsSync("/usr/bin/pdftotext")) {
      const file = path.join(ctx.storeDir, "letter.pdf");
      fs.writeFileSync(file, doc.bytes);
      const text = execFileSync("/usr/bin/pdftotext", [file, "-"]).toString();
      expect(text).toContain("Hartley & Moss Solicitors");
      expect(text).toContain(caseA.reference);
      expect(text).toContain(caseA.fullName);
      expect(text).toContain("A4321ZX");
      expect(text).toContain("form of authority");
      expect(text).toContain("Glenmorra GM1 2AB");
    }
    const page = await as(worker, (tx) => getPapers(tx, worker.acting, caseA.caseId));
    expect(page.authority?.recordedOn).toBe("2026-03-01");
    expect(page.requests).toEqual([
      expect.objectContaining({
        id: requestId,
        letterDocumentId: documentId,
        status: "sent",
        overdue: true,
      }),
    ]);
    const letters = await ctx.db
      .select()
      .from(caseCorrespondence)
      .where(eq(caseCorrespondence.documentId, documentId));
    expect(letters).toHaveLength(1);

    await as(worker, (tx) =>
      chaseRequest(
        tx,
        worker.acting,
        caseA.caseId,
        ChaseSchema.parse({ requestId, chasedOn: "2026-03-17", nextChaseOn: "2099-01-01" }),
      ),
    );
    let after = await as(worker, (tx) => getPapers(tx, worker.acting, caseA.caseId));
    expect(after.requests[0]).toMatchObject({
      chasedOn: ["2026-03-17"],
      chaseOn: "2099-01-01",
      overdue: false,
    });

    await as(worker, (tx) =>
      recordReply(
        tx,
        worker.acting,
        caseA.caseId,
        ReplySchema.parse({
          requestId,
          status: "refused",
          repliedOn: "2026-03-20",
          reply: "File destroyed in 2024",
        }),
      ),
    );
    after = await as(worker, (tx) => getPapers(tx, worker.acting, caseA.caseId));
    expect(after.requests[0]).toMatchObject({
      status: "refused",
      reply: "File destroyed in 2024",
      chaseOn: null,
    });
    const chaseAgain = await appError(
      as(worker, (tx) =>
        chaseRequest(
          tx,
          worker.acting,
          caseA.caseId,
          ChaseSchema.parse({ requestId, chasedOn: "2026-03-21" }),
        ),
      ),
    );
    expect(chaseAgain.code).toBe("CONFLICT");
  });

  it("does not let a caseworker reach the papers of a case they are not on", async () => {
    const worker = ctx.people.second.caseworker;
    expect(
      (await appError(as(worker, (tx) => getPapers(tx, worker.acting, caseB.caseId)))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("the chronology", () => {
  it("merges derived and manual events in date order, and prints them", async () => {
    const lead = ctx.people.second.lead;
    const { eventId } = await as(lead, (tx) =>
      saveChronologyEvent(
        tx,
        lead.acting,
        caseA.caseId,
        ChronologyEventSchema.parse({
          occurredOn: "2018-11-04",
          timeNote: "about 10 pm",
          description: "Identification parade",
          source: "Custody record p. 4",
        }),
      ),
    );
    const { eventId: late } = await as(lead, (tx) =>
      saveChronologyEvent(
        tx,
        lead.acting,
        caseA.caseId,
        ChronologyEventSchema.parse({ occurredOn: "2030-01-01", description: "Typo" }),
      ),
    );
    await as(lead, (tx) =>
      saveChronologyEvent(
        tx,
        lead.acting,
        caseA.caseId,
        ChronologyEventSchema.parse({
          eventId: late,
          occurredOn: "2019-06-15",
          description: "Defence file closed",
        }),
      ),
    );
    const { eventId: gone } = await as(lead, (tx) =>
      saveChronologyEvent(
        tx,
        lead.acting,
        caseA.caseId,
        ChronologyEventSchema.parse({ occurredOn: "2019-01-01", description: "Delete me" }),
      ),
    );
    await as(lead, (tx) => deleteChronologyEvent(tx, lead.acting, caseA.caseId, gone));
    const chronology = await as(lead, (tx) => getChronology(tx, lead.acting, caseA.caseId));
    expect(chronology.events.map((e) => [e.occurredOn, e.derived])).toEqual([
      ["2018-11-03", true],
      ["2018-11-04", false],
      ["2019-06-14", true],
      ["2019-06-15", false],
      ["2019-07-20", true],
      ["2020-05-01", true],
      ["2021-03-02", true],
      ["2022-01-10", true],
    ]);
    expect(chronology.events[1]).toMatchObject({
      id: eventId,
      timeNote: "about 10 pm",
      source: "Custody record p. 4",
    });
    expect(chronology.events[5]?.description).toBe("Court of Appeal: Dismissed");
    const pdf = await renderChronologyPdf(chronology, "2026-03-02");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    if (fs.existsSync("/usr/bin/pdftotext")) {
      const file = path.join(ctx.storeDir, "chronology.pdf");
      fs.writeFileSync(file, pdf);
      const text = execFileSync("/usr/bin/pdftotext", [file, "-"]).toString();
      expect(text).toContain("Identification parade");
      expect(text).toContain(caseA.reference);
    }
    const audits = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "case.chronology.deleted"),
          eq(auditEvents.entityId, caseA.caseId),
        ),
      );
    expect(audits).toHaveLength(1);
  });
});

describe("key characters", () => {
  it("links the same person across two cases, and shows a caseworker only the cases they are on", async () => {
    const lead = ctx.people.second.lead;
    const worker = ctx.people.second.caseworker;
    const { personId } = await as(lead, (tx) =>
      addCasePerson(
        tx,
        lead.acting,
        caseA.caseId,
        AddPersonSchema.parse({
          name: "Dr Ruth Penhale",
          kind: "expert",
          description: "Forensic scientist, FSS",
          role: "Examined the jacket",
        }),
      ),
    );
    const found = await as(lead, (tx) => getCasePeople(tx, lead.acting, caseB.caseId, "penhale"));
    expect(found.matches.map((m) => m.id)).toEqual([personId]);
    await as(lead, (tx) =>
      addCasePerson(
        tx,
        lead.acting,
        caseB.caseId,
        AddPersonSchema.parse({ personId, role: "Reported on fibres" }),
      ),
    );
    const twice = await appError(
      as(lead, (tx) =>
        addCasePerson(
          tx,
          lead.acting,
          caseB.caseId,
          AddPersonSchema.parse({ personId, role: "Again" }),
        ),
      ),
    );
    expect(twice.code).toBe("CONFLICT");

    const forLead = await as(lead, (tx) => getPerson(tx, lead.acting, personId));
    expect(forLead.cases.map((c) => c.caseId).sort()).toEqual([caseA.caseId, caseB.caseId].sort());
    const forWorker = await as(worker, (tx) => getPerson(tx, worker.acting, personId));
    expect(forWorker.cases).toEqual([
      { caseId: caseA.caseId, reference: caseA.reference, role: "Examined the jacket" },
    ]);
    const outsider = ctx.people.first.lead;
    expect(
      (await appError(as(outsider, (tx) => getPerson(tx, outsider.acting, personId)))).code,
    ).toBe("NOT_FOUND");
  });

  it("refuses recording contact with a witness until the client's consent is recorded", async () => {
    const worker = ctx.people.second.caseworker;
    const { casePersonId } = await as(worker, (tx) =>
      addCasePerson(
        tx,
        worker.acting,
        caseA.caseId,
        AddPersonSchema.parse({ name: "Janet Rowe", kind: "witness", role: "Second eyewitness" }),
      ),
    );
    const contact = ContactSchema.parse({
      casePersonId,
      contactedOn: "2026-03-05",
      kind: "letter",
      summary: "Asked to meet",
    });
    const refused = await appError(
      as(worker, (tx) => recordContact(tx, worker.acting, caseA.caseId, contact)),
    );
    expect(refused.message).toBe(NO_CONSENT);
    await as(worker, (tx) =>
      recordContactConsent(tx, worker.acting, caseA.caseId, {
        casePersonId,
        consentOn: "2026-03-04",
      }),
    );
    const { correspondenceId } = await as(worker, (tx) =>
      recordContact(tx, worker.acting, caseA.caseId, contact),
    );
    const [row] = await ctx.db
      .select()
      .from(caseCorrespondence)
      .where(eq(caseCorrespondence.id, correspondenceId));
    expect(row).toMatchObject({ direction: "out", kind: "letter", occurredOn: "2026-03-05" });
    const page = await as(worker, (tx) => getCasePeople(tx, worker.acting, caseA.caseId));
    expect(page.people.find((p) => p.casePersonId === casePersonId)?.contactConsentOn).toBe(
      "2026-03-04",
    );
  });
});
