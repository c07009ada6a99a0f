import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addCaseDocument, listCaseDocuments } from "~/casework/documents/case-documents.server";
import { listEvidence, saveEvidence } from "~/casework/evidence/evidence.server";
import { EvidenceSchema } from "~/casework/evidence/evidence-schemas";
import { EditLineSchema } from "~/casework/lines/line-schemas";
import { addLine, getLine, listLines, updateLine } from "~/casework/lines/lines.server";
import { HIT_START, splitSnippet } from "~/casework/search/highlight";
import { searchCasework } from "~/casework/search/search-casework.server";
import { auditEvents, caseDocuments, caseLines, evidenceItems } from "~/db/schema";
import { withDocumentStore } from "~/intake/entry/document-store.server";
import { readUploadForm } from "~/intake/entry/read-upload.server";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { tinyPdf } from "../support/scans";

/**
 * Casework's lines of investigation, evidence register, documents and search: the rules
 * (a result needs its reason, stale edits are refused, fallibility codes come from the
 * taxonomy), text extraction from a real PDF, and that search never shows a case the user
 * may not see.
 */
const ctx = setUpCasework("casework-evidence");
const { as } = ctx;
/** On caseA's team. */
let worker: TestUser;
/** A caseworker of the same project, on caseB only. */
let otherWorker: TestUser;
let caseA: string;
let caseB: string;

const PHRASE = "sleeve fibres never matched the jumper";

function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

beforeAll(async () => {
  worker = ctx.people.second.caseworker;
  otherWorker = await createUser(ctx.db, [
    { organisationId: ctx.people.second.id, roleKey: "caseworker" },
  ]);
  caseA = (await acceptedCase(ctx, { project: "second", team: [worker] })).caseId;
  caseB = (await acceptedCase(ctx, { project: "second", team: [otherWorker] })).caseId;
}, 240_000);

describe("lines of investigation", () => {
  it("lists the referral's lines and adds the project's own", async () => {
    const listed = await as(worker, (tx) => listLines(tx, worker.acting, caseA));
    expect(listed.lines).toHaveLength(3);
    const category = listed.categories[0]?.value ?? "";
    const { lineId } = await as(worker, (tx) =>
      addLine(tx, worker.acting, caseA, {
        category,
        description: "Find the bus driver",
        rationale: "He saw the man run",
      }),
    );
    const again = await as(worker, (tx) => listLines(tx, worker.acting, caseA));
    expect(again.lines.find((l) => l.id === lineId)).toMatchObject({ addedByProject: true });
  });

  it("refuses a result without its reason", async () => {
    const parsed = EditLineSchema.safeParse({
      version: 1,
      status: "done",
      result: "supports_innocence",
    });
    expect(parsed.success).toBe(false);
    const [line] = await ctx.db.select().from(caseLines).where(eq(caseLines.caseId, caseA));
    if (!line) throw new Error("no line");
    const refused = await appError(
      as(worker, (tx) =>
        updateLine(tx, worker.acting, caseA, line.id, {
          version: line.version,
          status: "done",
          steps: "",
          result: "supports_innocence",
        }),
      ),
    );
    expect(refused.code).toBe("INVALID");
  });

  it("records an owner and a result, and refuses a stale edit without overwriting", async () => {
    const [line] = await ctx.db.select().from(caseLines).where(eq(caseLines.caseId, caseA));
    if (!line) throw new Error("no line");
    const saved = await as(worker, (tx) =>
      updateLine(tx, worker.acting, caseA, line.id, {
        version: line.version,
        ownerId: worker.id,
        status: "done",
        steps: "Asked the lab; the jacket was tested.",
        result: "supports_innocence",
        resultReason: "The DNA on the jacket is not the client's.",
      }),
    );
    expect(saved.version).toBe(line.version + 1);
    const stale = await appError(
      as(ctx.people.second.lead, (tx) =>
        updateLine(tx, ctx.people.second.lead.acting, caseA, line.id, {
          version: line.version,
          status: "abandoned",
          steps: "",
        }),
      ),
    );
    expect(stale.code).toBe("CONFLICT");
    const [after] = await ctx.db.select().from(caseLines).where(eq(caseLines.id, line.id));
    expect(after).toMatchObject({
      status: "done",
      result: "supports_innocence",
      resultReason: "The DNA on the jacket is not the client's.",
      ownerId: worker.id,
    });
  });

  it("refuses an owner who is not on the team, and hides the line from others", async () => {
    const [line] = await ctx.db.select().from(caseLines).where(eq(caseLines.caseId, caseA));
    if (!line) throw new Error("no line");
    const refused = await appError(
      as(worker, (tx) =>
        updateLine(tx, worker.acting, caseA, line.id, {
          version: line.version,
          ownerId: otherWorker.id,
          status: "in_progress",
          steps: "",
        }),
      ),
    );
    expect(refused.code).toBe("INVALID");
    for (const user of [otherWorker, ctx.people.first.lead]) {
      const hidden = await appError(as(user, (tx) => getLine(tx, user.acting, caseA, line.id)));
      expect(hidden.code).toBe("NOT_FOUND");
    }
  });
});

describe("the evidence register", () => {
  it("saves an item with fallibility codes and refuses an unknown code", async () => {
    const { causes, lines } = await as(worker, (tx) => listEvidence(tx, worker.acting, caseA));
    const active = causes.filter((c) => c.active).map((c) => c.key);
    expect(active.length).toBeGreaterThan(0);
    const input = EvidenceSchema.parse({
      kind: "identification",
      description: "Street identification at night by the victim",
      source: "Victim's statement",
      usedAtTrial: "yes",
      howChallenged: "Not challenged",
      fallibility: active.slice(0, 2),
      lineId: lines[0]?.id,
    });
    const { evidenceId } = await as(worker, (tx) => saveEvidence(tx, worker.acting, caseA, input));
    const [row] = await ctx.db.select().from(evidenceItems).where(eq(evidenceItems.id, evidenceId));
    expect(row).toMatchObject({ usedAtTrial: true, fallibility: active.slice(0, 2), version: 1 });

    const unknown = await appError(
      as(worker, (tx) =>
        saveEvidence(tx, worker.acting, caseA, { ...input, fallibility: ["made_up_code"] }),
      ),
    );
    expect(unknown.code).toBe("INVALID");

    const edited = await as(worker, (tx) =>
      saveEvidence(tx, worker.acting, caseA, {
        ...input,
        id: evidenceId,
        version: 1,
        usedAtTrial: "unknown",
      }),
    );
    expect(edited.evidenceId).toBe(evidenceId);
    const stale = await appError(
      as(worker, (tx) =>
        saveEvidence(tx, worker.acting, caseA, { ...input, id: evidenceId, version: 1 }),
      ),
    );
    expect(stale.code).toBe("CONFLICT");
    const [after] = await ctx.db
      .select()
      .from(evidenceItems)
      .where(eq(evidenceItems.id, evidenceId));
    expect(after).toMatchObject({ usedAtTrial: null, version: 2 });
  });

  it("refuses a line or document of another case", async () => {
    const [otherLine] = await ctx.db.select().from(caseLines).where(eq(caseLines.caseId, caseB));
    const refused = await appError(
      as(worker, (tx) =>
        saveEvidence(
          tx,
          worker.acting,
          caseA,
          EvidenceSchema.parse({
            kind: "forensic",
            description: "Fibres",
            usedAtTrial: "no",
            lineId: otherLine?.id,
          }),
        ),
      ),
    );
    expect(refused.code).toBe("INVALID");
  });
});

describe("documents and search", () => {
  let documentId: string;

  it("stores a PDF encrypted with its provenance and extracts its text", async () => {
    const bytes = tinyPdf(PHRASE);
    const added = await withDocumentStore(ctx.store, (s) =>
      as(worker, (tx) =>
        addCaseDocument(tx, worker.acting, s, caseA, {
          filename: "forensic-report.pdf",
          bytes,
          receivedFrom: "Former solicitors",
          receivedOn: "2026-03-02",
          description: "Lab report on the jacket",
        }),
      ),
    );
    documentId = added.documentId;
    expect(added.extracted).toBe(true);
    const [row] = await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.id, documentId));
    expect(row?.extractedText).toContain(PHRASE);
    expect(row).toMatchObject({ receivedFrom: "Former solicitors", mediaType: "application/pdf" });
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const onDisk = filesIn(ctx.storeDir).map((f) => fs.readFileSync(f));
    expect(onDisk.some((b) => b.includes(Buffer.from("sleeve fibres")))).toBe(false);
    const listed = await as(worker, (tx) => listCaseDocuments(tx, worker.acting, caseA));
    expect(listed.documents.find((d) => d.id === documentId)).toMatchObject({ hasText: true });
  });

  it("finds the document by a phrase inside it, with the phrase highlighted", async () => {
    for (const user of [worker, ctx.people.second.lead]) {
      const found = await as(user, (tx) =>
        searchCasework(tx, user.acting, `"sleeve fibres" jumper`),
      );
      const group = found.cases.find((c) => c.caseId === caseA);
      const hit = group?.hits.find((h) => h.id === documentId);
      expect(hit?.kind).toBe("document");
      expect(hit?.snippet).toContain(HIT_START);
      expect(
        splitSnippet(hit?.snippet ?? "")
          .filter((p) => p.hit)
          .map((p) => p.text.toLowerCase()),
      ).toContain("sleeve");
    }
    const evidence = await as(worker, (tx) =>
      searchCasework(tx, worker.acting, "identification at night"),
    );
    expect(evidence.cases.find((c) => c.caseId === caseA)?.hits[0]?.kind).toBe("evidence");
    const audited = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "casework.searched"), eq(auditEvents.actorUserId, worker.id)),
      );
    expect(audited.length).toBeGreaterThan(0);
  });

  it("shows nothing of the case to a caseworker not on it or another project's lead", async () => {
    for (const user of [otherWorker, ctx.people.first.lead, ctx.people.coordinator]) {
      for (const q of [PHRASE, `"${PHRASE}"`, "sleeve", "identification"]) {
        const found = await as(user, (tx) => searchCasework(tx, user.acting, q));
        expect(found.cases.map((c) => c.caseId)).not.toContain(caseA);
        expect(found.total).toBe(0);
      }
    }
  });

  it("stores nothing for a refused upload: wrong type, too large", async () => {
    const before = filesIn(ctx.storeDir).length;
    const countRows = async () =>
      (await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseA))).length;
    const rows = await countRows();
    const wrongType = await appError(
      withDocumentStore(ctx.store, (s) =>
        as(worker, (tx) =>
          addCaseDocument(tx, worker.acting, s, caseA, {
            filename: "report.pdf",
            bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>"),
            receivedFrom: "Police",
            receivedOn: "2026-03-02",
            description: "",
          }),
        ),
      ),
    );
    expect(wrongType.code).toBe("INVALID");
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(tinyPdf("big"));
    const tooLarge = await appError(
      withDocumentStore(ctx.store, (s) =>
        as(worker, (tx) =>
          addCaseDocument(tx, worker.acting, s, caseA, {
            filename: "big.pdf",
            bytes: big,
            receivedFrom: "Police",
            receivedOn: "2026-03-02",
            description: "",
          }),
        ),
      ),
    );
    expect(tooLarge.code).toBe("INVALID");
    // The route reads the upload as it streams and stops past the limit.
    const form = new FormData();
    form.append("receivedFrom", "Police");
    form.append("file", new File([new Uint8Array(4096)], "big.pdf", { type: "application/pdf" }));
    const read = await readUploadForm(
      new Request("http://clearname.test/", { method: "POST", body: form }),
      1024,
    );
    expect(read).toMatchObject({ ok: false, fields: { receivedFrom: "Police" } });
    expect(await countRows()).toBe(rows);
    expect(filesIn(ctx.storeDir).length).toBe(before);
  });

  it("refuses an upload to a case the user is not on", async () => {
    const hidden = await appError(
      withDocumentStore(ctx.store, (s) =>
        as(otherWorker, (tx) =>
          addCaseDocument(tx, otherWorker.acting, s, caseA, {
            filename: "x.pdf",
            bytes: tinyPdf("x"),
            receivedFrom: "Police",
            receivedOn: "2026-03-02",
            description: "",
          }),
        ),
      ),
    );
    expect(hidden.code).toBe("NOT_FOUND");
  });
});
