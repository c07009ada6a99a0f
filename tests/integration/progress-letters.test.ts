import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  discardProgressLetter,
  fileProgressLetter,
  getProgressLetter,
  previewProgressLetterTemplate,
  saveProgressLetter,
} from "~/casework/correspondence/progress-letter.server";
import { ProgressLetterSchema } from "~/casework/correspondence/progress-letter-schemas";
import { addNote } from "~/casework/notes/notes.server";
import { closeCase } from "~/casework/stages/close-case.server";
import { CloseCaseSchema } from "~/casework/stages/closing-schemas";
import {
  auditEvents,
  caseCorrespondence,
  caseDocuments,
  caseLines,
  casePapers,
  caseProgressLetters,
  caseStageEvents,
  cases,
  evidenceItems,
  letterTemplates,
  paperRequests,
} from "~/db/schema";
import {
  listLetterTemplates,
  projectOwner,
  publishTemplateVersion,
} from "~/letters/letter-templates.server";
import { draftOf, PublishTemplateSchema } from "~/letters/template-rules";
import { LETTER_TEMPLATES } from "~/letters/templates";
import { addMonths, today } from "~/shared/dates";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { expectRefused } from "../support/errors";
import { appError } from "../support/intake";
import { docxText, pdfText } from "../support/read-documents";

/**
 * Progress letters (docs/decisions/032-progress-letters.md): drafted from the case's record,
 * saved by the team, checked and filed as sent by a lead only (PDF and Word in the case's
 * documents, logged as a progress letter, the schedule moved on), refused on a closed case; the
 * wording is the project's own template, which only the project's leads publish.
 */
const ctx = setUpCasework("progress-letters");
const { as } = ctx;
let caseId: string;
const NOTE = "Internal: the lead thinks the client's alibi witness is lying";

/** The page's draft as a form posts it, with some paragraphs changed. */
function posted(
  page: Awaited<ReturnType<typeof getProgressLetter>>,
  change: (text: string, i: number) => string = (t) => t,
) {
  const letter = page.letter;
  if (!letter) throw new Error("no letter on the page");
  return ProgressLetterSchema.parse({
    basedOn: String(page.draft?.version ?? 0),
    heading: letter.text.heading,
    salutation: letter.text.salutation,
    paragraphs: letter.text.paragraphs.map((p, i) => ({
      heading: p.heading ?? "",
      text: change(p.text, i),
    })),
    signOff: letter.text.signOff.join("\n"),
  });
}

const pageAs = (who: keyof typeof roles) =>
  as(roles[who](), (tx) => getProgressLetter(tx, roles[who]().acting, caseId));
const roles = {
  lead: () => ctx.people.second.lead,
  caseworker: () => ctx.people.second.caseworker,
};

async function fileOf(documentId: string) {
  const [doc] = await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.id, documentId));
  if (!doc) throw new Error("no document");
  return { doc, bytes: await ctx.store.get(doc.storageKey) };
}

beforeAll(async () => {
  const { caseworker } = ctx.people.second;
  ({ caseId } = await acceptedCase(ctx, { project: "second", team: [caseworker] }));
  // The case was accepted in June; since then the team has worked it.
  await ctx.db
    .update(cases)
    .set({ createdAt: new Date("2026-06-01T10:00:00Z") })
    .where(eq(cases.id, caseId));
  const lines = await ctx.db
    .select()
    .from(caseLines)
    .where(eq(caseLines.caseId, caseId))
    .orderBy(caseLines.position);
  const [jacket, witness] = lines;
  if (!jacket || !witness) throw new Error("the case has no lines");
  await ctx.db
    .update(caseLines)
    .set({ status: "done", result: "supports_guilt", resultReason: "DNA matched the client" })
    .where(eq(caseLines.id, jacket.id));
  await ctx.db.update(caseLines).set({ status: "in_progress" }).where(eq(caseLines.id, witness.id));
  await ctx.db.insert(caseStageEvents).values([
    { caseId, stage: "investigating", occurredOn: "2026-07-01", note: "Internal stage note" },
    {
      caseId,
      stage: "investigating",
      occurredOn: "2026-07-02",
      deadlineOn: "2030-02-01",
      deadlineWhat: "Representations on the provisional statement",
    },
  ]);
  const [transcript, bundle] = await ctx.db
    .insert(casePapers)
    .values([
      { caseId, kind: "trial_transcript" },
      { caseId, kind: "prosecution_bundle" },
    ])
    .returning();
  if (!transcript || !bundle) throw new Error("no papers");
  await ctx.db.insert(paperRequests).values([
    {
      caseId,
      paperId: transcript.id,
      recipientKind: "former_solicitors",
      recipient: "Hallam & Co Solicitors",
      requestedOn: "2026-08-01",
    },
    {
      caseId,
      paperId: bundle.id,
      recipientKind: "cps",
      recipient: "the Crown Prosecution Service",
      requestedOn: "2026-05-01",
      repliedOn: "2026-09-01",
      status: "answered",
    },
  ]);
  await ctx.db.insert(evidenceItems).values({
    caseId,
    kind: "forensic",
    description: "Blood on the left sleeve, never tested",
  });
  await as(caseworker, (tx) =>
    addNote(tx, caseworker.acting, caseId, { body: NOTE, needsSignOff: false }),
  );
}, 240_000);

describe("progress letters", () => {
  it("drafts the letter from the case's record: what was done since acceptance and what comes next, never a note", async () => {
    const page = await pageAs("caseworker");
    expect(page.draft).toBeNull();
    expect(page.leads).toBe(false);
    const letter = page.letter;
    expect(letter?.since).toBe("2026-06-01");
    expect(letter?.templateVersion).toBe(1);
    expect(letter?.recipient[0]).toMatch(/^Dafydd Zed/);
    expect(letter?.recipient).toContain("A4321ZX");
    expect(letter?.recipient.join("\n")).toMatch(/Altcourse/);
    const texts = letter?.text.paragraphs.map((p) => p.text) ?? [];
    const done = texts.find((t) => t.includes("We finished looking into"));
    expect(done?.split("\n")).toEqual([
      "• On 1 July 2026, we started investigating your case.",
      "• On 2 July 2026, we started investigating your case.",
      "• We finished looking into this: Test the jacket for DNA.",
      "• We worked on this: Trace the second witness.",
      "• We asked Hallam & Co Solicitors for trial transcript.",
      "• We received prosecution bundle from the Crown Prosecution Service.",
      "• We added one item to our record of the evidence in your case.",
    ]);
    const next = texts.find((t) => t.includes("We are still looking into"));
    expect(next?.split("\n")).toEqual([
      "• We are still looking into this: Trace the second witness.",
      "• We plan to look into this: Obtain the custody record.",
      "• We are waiting for Hallam & Co Solicitors to send us trial transcript.",
      "• By 1 February 2030: representations on the provisional statement.",
    ]);
    const all = JSON.stringify(letter);
    for (const secret of [NOTE, "DNA matched", "Internal stage note", "Blood on the left sleeve"])
      expect(all).not.toContain(secret);
    expect(texts.join(" ")).toContain(
      `We will write to you again by ${new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${addMonths(today(), 3)}T00:00:00Z`))}`,
    );
  });

  it("lets the team save a draft, and refuses a stale one", async () => {
    const { caseworker } = ctx.people.second;
    const page = await pageAs("caseworker");
    const input = posted(page, (t, i) => (i === 0 ? `${t} Cal has been working on it.` : t));
    await as(caseworker, (tx) => saveProgressLetter(tx, caseworker.acting, caseId, input));
    const saved = await pageAs("caseworker");
    expect(saved.draft?.version).toBe(1);
    expect(saved.letter?.text.paragraphs[0]?.text).toMatch(/Cal has been working on it\.$/);
    // Saved again from the page as it was before: someone saved meanwhile.
    const stale = await appError(
      as(caseworker, (tx) => saveProgressLetter(tx, caseworker.acting, caseId, input)),
    );
    expect(stale.code).toBe("CONFLICT");
  });

  it("refuses a caseworker filing it as sent, in the domain and in the database", async () => {
    const { caseworker } = ctx.people.second;
    const page = await pageAs("caseworker");
    const refused = await appError(
      as(caseworker, (tx) =>
        fileProgressLetter(tx, caseworker.acting, ctx.store, caseId, posted(page)),
      ),
    );
    expect(refused.code).toBe("FORBIDDEN");
    const [doc] = await ctx.db
      .select({ id: caseDocuments.id })
      .from(caseDocuments)
      .where(eq(caseDocuments.caseId, caseId))
      .limit(1);
    await expectRefused(
      as(caseworker, (tx) =>
        tx.execute(
          sql`update case_progress_letters set status = 'sent', approved_by = ${caseworker.id}::uuid, sent_on = current_date, document_id = ${doc?.id}::uuid where case_id = ${caseId}::uuid`,
        ),
      ),
      /row-level security/,
    );
  });

  it("files it as sent when a lead approves it: PDF and Word in the documents, a progress letter logged, the next one due in 3 months", async () => {
    const { lead } = ctx.people.second;
    const page = await pageAs("lead");
    expect(page.leads).toBe(true);
    const input = posted(page, (t, i) => (i === 0 ? t.replace("Cal has", "Our team has") : t));
    const filed = await as(lead, (tx) =>
      fileProgressLetter(tx, lead.acting, ctx.store, caseId, input),
    );
    const due = addMonths(today(), 3);
    expect(filed.nextProgressLetterOn).toBe(due);

    const [row] = await ctx.db
      .select()
      .from(caseProgressLetters)
      .where(eq(caseProgressLetters.id, filed.id));
    expect(row).toMatchObject({
      status: "sent",
      approvedBy: lead.id,
      sentOn: today(),
      templateVersion: 1,
      since: "2026-06-01",
    });
    const pdf = await fileOf(filed.documentId);
    expect(pdf.doc.mediaType).toBe("application/pdf");
    const text = pdfText(pdf.bytes).replace(/\s+/g, " ");
    expect(text).toContain("Our team has been working on it.");
    expect(text).toContain("We finished looking into this: Test the jacket for DNA.");
    expect(text).toContain("LEGAL CORRESPONDENCE");
    expect(text).toMatch(/Dafydd Zed/);
    expect(text).not.toContain("alibi");
    const word = await fileOf(row?.docxDocumentId ?? "");
    expect(docxText(word.bytes)).toContain("Our team has been working on it.");

    const [logged] = await ctx.db
      .select()
      .from(caseCorrespondence)
      .where(eq(caseCorrespondence.id, row?.correspondenceId ?? ""));
    expect(logged).toMatchObject({
      direction: "out",
      party: "client",
      kind: "letter",
      isProgressLetter: true,
      occurredOn: today(),
      documentId: filed.documentId,
    });
    const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c?.nextProgressLetterOn).toBe(due);
    const [audited] = await ctx.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "case.progress_letter.sent"), eq(auditEvents.entityId, caseId)),
      );
    expect(audited?.details).toMatchObject({ templateVersion: 1, documentId: filed.documentId });

    // The next letter reports from this one, and the page lists it as sent.
    const after = await pageAs("caseworker");
    expect(after.draft).toBeNull();
    expect(after.letter?.since).toBe(today());
    expect(after.sent.map((s) => s.id)).toEqual([filed.id]);
    // A sent letter never changes, even for its lead: the database leaves it out of reach.
    await as(lead, (tx) =>
      tx.execute(
        sql`update case_progress_letters set content = '{}'::jsonb where id = ${filed.id}::uuid`,
      ),
    );
    const [still] = await ctx.db
      .select({ content: caseProgressLetters.content })
      .from(caseProgressLetters)
      .where(eq(caseProgressLetters.id, filed.id));
    expect(still?.content).toEqual(row?.content);
  });

  it("makes new letters from the version of the template the project's lead published; another project's lead can neither publish for it nor read it", async () => {
    const { lead } = ctx.people.second;
    const other = ctx.people.first.lead;
    const draft = draftOf(LETTER_TEMPLATES.progress_letter, 1);
    const input = PublishTemplateSchema.parse({
      ...draft,
      basedOn: "1",
      heading: "News of your case from {{project.name}}",
      changeNote: "A warmer heading",
    });
    const published = await as(lead, async (tx) =>
      publishTemplateVersion(
        tx,
        lead.acting,
        await projectOwner(tx, lead.acting, ctx.people.second.id, "progress_letter"),
        input,
      ),
    );
    expect(published).toEqual({ key: "progress_letter", version: 2 });
    // A preview merges a draft with one of the project's cases, found by its reference.
    const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    const preview = await as(lead, (tx) =>
      previewProgressLetterTemplate(tx, lead.acting, ctx.people.second.id, "progress_letter", {
        ...input,
        reference: c?.reference.toLowerCase(),
      }),
    );
    expect(preview.reference).toBe(c?.reference);
    expect(preview.letter.heading).toBe(`News of your case from ${ctx.people.second.name}`);
    expect(preview.letter.recipient[0]).toMatch(/^Dafydd Zed/);
    const page = await pageAs("caseworker");
    expect(page.letter?.templateVersion).toBe(2);
    expect(page.letter?.text.heading).toBe(`News of your case from ${ctx.people.second.name}`);

    // A draft keeps the version it was made from; throwing it away makes one from the newest.
    const { caseworker } = ctx.people.second;
    await as(caseworker, (tx) => saveProgressLetter(tx, caseworker.acting, caseId, posted(page)));
    const saved = await pageAs("caseworker");
    expect(saved.letter?.templateVersion).toBe(2);
    await as(caseworker, (tx) =>
      discardProgressLetter(tx, caseworker.acting, caseId, saved.draft?.version ?? 0),
    );
    expect((await pageAs("caseworker")).draft).toBeNull();

    // Another project's lead: refused in the domain, and by the database as the app role.
    const refused = await appError(
      as(other, (tx) => projectOwner(tx, other.acting, ctx.people.second.id, "progress_letter")),
    );
    expect(refused.code).toBe("FORBIDDEN");
    const peeked = await appError(
      as(other, (tx) =>
        previewProgressLetterTemplate(tx, other.acting, ctx.people.second.id, "progress_letter", {
          ...input,
          reference: c?.reference,
        }),
      ),
    );
    expect(peeked.code).toBe("FORBIDDEN");
    await expectRefused(
      as(other, (tx) =>
        tx.execute(
          sql`insert into letter_templates (organisation_id, key, version, content, change_note, published_by)
              values (${ctx.people.second.id}::uuid, 'progress_letter', 3, '{}'::jsonb, 'not mine', ${other.id}::uuid)`,
        ),
      ),
      /row-level security/,
    );
    const seen = await as(other, (tx) =>
      tx
        .select({ id: letterTemplates.id })
        .from(letterTemplates)
        .where(
          and(
            eq(letterTemplates.key, "progress_letter"),
            eq(letterTemplates.organisationId, ctx.people.second.id),
          ),
        ),
    );
    expect(seen).toEqual([]);
    // Their own project's letter is still the code's.
    await as(other, async (tx) => {
      const own = await projectOwner(tx, other.acting, ctx.people.first.id, "progress_letter");
      expect(own.current.version).toBe(1);
    });
    // The network's administrators do not edit a project's letters.
    const { administrator } = ctx.people;
    const listed = await as(administrator, (tx) => listLetterTemplates(tx, administrator.acting));
    expect(listed.map((t) => t.key)).not.toContain("progress_letter");
  });

  it("refuses a progress letter on a closed case, in the domain and in the database", async () => {
    const { lead } = ctx.people.second;
    const before = await pageAs("lead");
    await as(lead, (tx) =>
      closeCase(
        tx,
        lead.acting,
        caseId,
        CloseCaseSchema.parse({
          outcome: "client_withdrew",
          reasons: "The client asked the project to stop.",
          confirmed: ["lines", "papers", "documents", "letter"],
        }),
      ),
    );
    const page = await pageAs("lead");
    expect(page.letter).toBeNull();
    const refused = await appError(
      as(lead, (tx) => fileProgressLetter(tx, lead.acting, ctx.store, caseId, posted(before))),
    );
    expect(refused.code).toBe("INVALID");
    expect(refused.message).toMatch(/closed/);
    await expectRefused(
      as(lead, (tx) =>
        tx.execute(
          sql`insert into case_progress_letters (case_id, since, template_version, content, prepared_by)
              values (${caseId}::uuid, current_date, 1, '{}'::jsonb, ${lead.id}::uuid)`,
        ),
      ),
      /is closed/,
    );
  });
});
