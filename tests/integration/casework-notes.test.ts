import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  generateApplication,
  getApplication,
  markApplicationSent,
} from "~/casework/application/application.server";
import {
  addCorrespondence,
  listCorrespondence,
} from "~/casework/correspondence/correspondence.server";
import { addMonths, progressLetterStatus } from "~/casework/correspondence/progress-letters";
import { CorrespondenceSchema } from "~/casework/correspondence/schemas";
import { addNote, editNote, listNotes, signOffNote } from "~/casework/notes/notes.server";
import { addReview, listReviews } from "~/casework/reviews/reviews.server";
import { ReviewSchema } from "~/casework/reviews/schemas";
import { TimeEntrySchema } from "~/casework/time/schemas";
import { addTimeEntry, listTime } from "~/casework/time/time.server";
import { caseDocuments, caseLines, caseNotes, cases, reviewApplications } from "~/db/schema";
import { today } from "~/shared/dates";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { expectRefused } from "../support/errors";
import { createUser } from "../support/factories";
import { appError } from "../support/intake";

/**
 * Notes with sign-off, case reviews, the time log, correspondence with progress letters and
 * the draft CCRC/SCCRC application, on a case accepted by the second project, whose
 * caseworker is put on the team. Every domain call runs as the user under row-level security.
 */
const ctx = setUpCasework("casework-notes");
const { as } = ctx;
let english: string;
let scottish: string;

beforeAll(async () => {
  const { caseworker } = ctx.people.second;
  english = (await acceptedCase(ctx, { project: "second", team: [caseworker] })).caseId;
  scottish = (await acceptedCase(ctx, { project: "second", team: [caseworker] })).caseId;
  const conviction = {
    offences: "Robbery",
    courtName: "Liverpool Crown Court",
    jurisdiction: "england_wales",
    convictionDate: "2019-06-14",
    sentence: "8 years' imprisonment",
    appealStages: [
      { stage: "Court of Appeal, full court", date: "2020-03-01", outcome: "Dismissed" },
    ],
    priorReviews: [{ body: "ccrc", reference: "00123/2021", decision: "Not referred" }],
  };
  await ctx.db.update(cases).set({ conviction }).where(eq(cases.id, english));
  await ctx.db
    .update(cases)
    .set({
      conviction: { ...conviction, jurisdiction: "scotland", courtName: "High Court, Glasgow" },
    })
    .where(eq(cases.id, scottish));
  await ctx.db
    .update(caseLines)
    .set({
      status: "done",
      result: "supports_innocence",
      resultReason: "No DNA of the applicant on the jacket",
    })
    .where(
      and(eq(caseLines.caseId, english), eq(caseLines.description, "Test the jacket for DNA")),
    );
}, 240_000);

describe("notes and sign-off", () => {
  it("a caseworker adds a note that needs sign-off but cannot sign it off; a lead can", async () => {
    const { lead, caseworker } = ctx.people.second;
    const { noteId } = await as(caseworker, (tx) =>
      addNote(tx, caseworker.acting, english, {
        body: "Draft letter to the CPS",
        needsSignOff: true,
      }),
    );
    const refused = await appError(
      as(caseworker, (tx) => signOffNote(tx, caseworker.acting, english, noteId)),
    );
    expect(refused.code).toBe("FORBIDDEN");
    // The database refuses it too, whatever the code does.
    await expectRefused(
      as(caseworker, (tx) =>
        tx.execute(
          sql`update case_notes set signed_off_by = ${caseworker.id}, signed_off_at = now() where id = ${noteId}`,
        ),
      ),
      /only a lead signs off notes/,
    );
    const waiting = await as(lead, (tx) => listNotes(tx, lead.acting, english));
    expect(waiting.awaitingSignOff.map((n) => n.id)).toEqual([noteId]);
    expect(
      (await as(caseworker, (tx) => listNotes(tx, caseworker.acting, english))).awaitingSignOff,
    ).toEqual([]);

    await as(lead, (tx) => signOffNote(tx, lead.acting, english, noteId));
    const after = await as(lead, (tx) => listNotes(tx, lead.acting, english));
    const note = after.notes.find((n) => n.id === noteId);
    expect(note?.signedOff?.by).toBe(lead.acting.viewer.name);
    expect(note?.signedOff?.at.slice(0, 10)).toBe(today());
    expect(note?.canEdit).toBe(false);
    expect(after.awaitingSignOff).toEqual([]);
  });

  it("a lead cannot sign off her own note; another lead of the project can", async () => {
    const { lead } = ctx.people.second;
    const otherLead = await createUser(ctx.db, [
      { organisationId: ctx.people.second.id, roleKey: "project_lead" },
    ]);
    const { noteId } = await as(lead, (tx) =>
      addNote(tx, lead.acting, english, { body: "Letter to the CCRC", needsSignOff: true }),
    );
    const refused = await appError(as(lead, (tx) => signOffNote(tx, lead.acting, english, noteId)));
    expect(refused.code).toBe("INVALID");
    expect(refused.message).toMatch(/another lead of the project must sign it off/);
    const hers = await as(lead, (tx) => listNotes(tx, lead.acting, english));
    expect(hers.awaitingSignOff.map((n) => n.id)).not.toContain(noteId);
    expect(hers.notes.find((n) => n.id === noteId)?.canSignOff).toBe(false);
    const theirs = await as(otherLead, (tx) => listNotes(tx, otherLead.acting, english));
    expect(theirs.awaitingSignOff.map((n) => n.id)).toContain(noteId);
    await as(otherLead, (tx) => signOffNote(tx, otherLead.acting, english, noteId));
    const after = await as(lead, (tx) => listNotes(tx, lead.acting, english));
    expect(after.notes.find((n) => n.id === noteId)?.signedOff?.by).toBe(
      otherLead.acting.viewer.name,
    );
  });

  it("a signed-off note cannot be edited, in the domain or in the database", async () => {
    const { lead, caseworker } = ctx.people.second;
    const { noteId } = await as(caseworker, (tx) =>
      addNote(tx, caseworker.acting, english, { body: "Witness letter", needsSignOff: true }),
    );
    await as(caseworker, (tx) =>
      editNote(tx, caseworker.acting, english, noteId, "Witness letter v2"),
    );
    await as(lead, (tx) => signOffNote(tx, lead.acting, english, noteId));
    expect(
      (
        await appError(
          as(caseworker, (tx) => editNote(tx, caseworker.acting, english, noteId, "v3")),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(
      (await appError(as(lead, (tx) => signOffNote(tx, lead.acting, english, noteId)))).code,
    ).toBe("CONFLICT");
    await expectRefused(
      as(lead, (tx) =>
        tx.execute(sql`update case_notes set body = 'changed' where id = ${noteId}`),
      ),
      /signed-off note cannot be changed/,
    );
    const [row] = await ctx.db.select().from(caseNotes).where(eq(caseNotes.id, noteId));
    expect(row?.body).toBe("Witness letter v2");
  });
});

describe("case reviews", () => {
  it("records a review and refuses one without decisions", () => {
    expect(ReviewSchema.safeParse({ heldOn: "2026-01-10", decisions: "" }).success).toBe(false);
  });
  it("lists reviews with who recorded them", async () => {
    const { lead } = ctx.people.second;
    const input = ReviewSchema.parse({
      heldOn: "2026-01-10",
      attendees: "Lena, Cal",
      decisions: "Commission a DNA test",
      actions: "Cal: write to the lab",
    });
    await as(lead, (tx) => addReview(tx, lead.acting, english, input));
    const { reviews } = await as(lead, (tx) => listReviews(tx, lead.acting, english));
    expect(reviews).toMatchObject([
      { decisions: "Commission a DNA test", recordedByName: lead.acting.viewer.name },
    ]);
  });
});

describe("the time log", () => {
  it("adds hours and minutes and totals them per person and for the case", async () => {
    const { lead, caseworker } = ctx.people.second;
    const entry = (hours: string, minutes: string) =>
      TimeEntrySchema.parse({
        workedOn: "2026-01-12",
        hours,
        minutes,
        activity: "Reading the transcript",
      });
    expect(entry("1", "30").minutes).toBe(90);
    expect(TimeEntrySchema.safeParse({ workedOn: "2026-01-12", activity: "x" }).success).toBe(
      false,
    );
    await as(caseworker, (tx) => addTimeEntry(tx, caseworker.acting, scottish, entry("1", "30")));
    await as(caseworker, (tx) => addTimeEntry(tx, caseworker.acting, scottish, entry("", "45")));
    await as(lead, (tx) => addTimeEntry(tx, lead.acting, scottish, entry("2", "")));
    const { totals, entries } = await as(caseworker, (tx) =>
      listTime(tx, caseworker.acting, scottish),
    );
    expect(entries).toHaveLength(3);
    expect(totals.caseMinutes).toBe(90 + 45 + 120);
    expect(Object.fromEntries(totals.perPerson.map((p) => [p.userId, p.minutes]))).toEqual({
      [caseworker.id]: 135,
      [lead.id]: 120,
    });
  });
});

describe("correspondence and progress letters", () => {
  it("computes when a progress letter is due", () => {
    expect(addMonths("2026-01-31", 3)).toBe("2026-04-30");
    expect(progressLetterStatus("2026-03-01", "2025-01-01", "2026-03-02").state).toBe("overdue");
    expect(progressLetterStatus("2026-03-01", "2025-01-01", "2026-03-01").state).toBe("due_today");
    expect(progressLetterStatus("2026-03-10", "2025-01-01", "2026-03-01").state).toBe("due_soon");
    expect(progressLetterStatus(null, "2026-01-15", "2026-02-01")).toMatchObject({
      state: "scheduled",
      dueOn: "2026-04-15",
    });
  });

  it("a progress letter to the client resets the schedule to 3 months later", async () => {
    const { caseworker } = ctx.people.second;
    await ctx.db
      .update(cases)
      .set({ nextProgressLetterOn: "2025-01-01" })
      .where(eq(cases.id, english));
    const before = await as(caseworker, (tx) => listCorrespondence(tx, caseworker.acting, english));
    expect(before.progressLetter.state).toBe("overdue");
    expect(before.progressLetter.message).toMatch(/overdue/);

    const call = CorrespondenceSchema.parse({
      direction: "in",
      kind: "call",
      withWhom: "third_party",
      thirdParty: "Former solicitors",
      occurredOn: today(),
      summary: "They will look for the file",
    });
    await as(caseworker, (tx) => addCorrespondence(tx, caseworker.acting, english, call));
    const [still] = await ctx.db.select().from(cases).where(eq(cases.id, english));
    expect(still?.nextProgressLetterOn).toBe("2025-01-01");

    expect(
      CorrespondenceSchema.safeParse({ ...call, isProgressLetter: "on" }).success,
      "a call is not a progress letter",
    ).toBe(false);
    const letter = CorrespondenceSchema.parse({
      direction: "out",
      kind: "letter",
      withWhom: "client",
      occurredOn: today(),
      summary: "Progress: the DNA test is commissioned",
      isProgressLetter: "on",
    });
    const { nextProgressLetterOn } = await as(caseworker, (tx) =>
      addCorrespondence(tx, caseworker.acting, english, letter),
    );
    expect(nextProgressLetterOn).toBe(addMonths(today(), 3));
    const after = await as(caseworker, (tx) => listCorrespondence(tx, caseworker.acting, english));
    expect(after.progressLetter).toMatchObject({
      state: "scheduled",
      dueOn: addMonths(today(), 3),
    });
    expect(after.correspondence[0]).toMatchObject({ withClient: true, isProgressLetter: true });
  });
});

function findSoffice(): string | null {
  try {
    return execFileSync("which", ["soffice"]).toString().trim() || null;
  } catch {
    return null;
  }
}

describe("the draft application", () => {
  const grounds = [
    {
      ground: "The identification was unreliable",
      newMaterial: "Expert evidence on night-time identification at 40 metres",
      whyNotRaisedBefore: "The expert report did not exist at the time of trial",
    },
    {
      ground: "Fresh DNA evidence",
      newMaterial: "The jacket carries DNA of another man",
      whyNotRaisedBefore: "The jacket was never tested",
    },
  ];
  const docText = async (documentId: string) => {
    const [doc] = await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.id, documentId));
    if (!doc) throw new Error("no document");
    return ctx.store.get(doc.storageKey);
  };
  const unzipXml = (bytes: Buffer) => {
    const file = path.join(ctx.storeDir, `draft-${Math.random().toString(36).slice(2)}.docx`);
    fs.writeFileSync(file, bytes);
    return { file, xml: execFileSync("unzip", ["-p", file, "word/document.xml"]).toString("utf8") };
  };

  it("refuses a caseworker", async () => {
    const { caseworker } = ctx.people.second;
    const refused = await appError(
      as(caseworker, (tx) =>
        generateApplication(tx, caseworker.acting, ctx.store, english, grounds),
      ),
    );
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("drafts a CCRC application with the real-possibility test for an English case", async () => {
    const { lead } = ctx.people.second;
    const v1 = await as(lead, (tx) =>
      generateApplication(tx, lead.acting, ctx.store, english, grounds),
    );
    expect(v1.version).toBe(1);
    const { xml, file } = unzipXml(await docText(v1.docxDocumentId));
    expect(xml).toContain("Criminal Cases Review Commission (CCRC)");
    expect(xml).toContain("real possibility");
    expect(xml).toContain("section 13 of the Criminal Appeal Act 1995");
    expect(xml).not.toContain("Scottish");
    for (const g of grounds) {
      expect(xml).toContain(g.ground);
      expect(xml).toContain(g.whyNotRaisedBefore);
    }
    expect(xml).toContain("Liverpool Crown Court");
    expect(xml).toContain("No DNA of the applicant on the jacket");
    expect(xml).toContain("witness-statement.pdf");
    expect(xml).toContain("00123/2021");
    expect(xml).toContain("w:numPr"); // the grounds are a numbered list
    const pdf = await docText(v1.pdfDocumentId);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // The DOCX opens in LibreOffice and reads right: converted there and read back as text.
    const soffice = findSoffice();
    if (soffice) {
      const profile = path.join(ctx.storeDir, `lo-profile-${Math.random().toString(36).slice(2)}`);
      execFileSync(
        soffice,
        [
          `-env:UserInstallation=file://${profile}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          ctx.storeDir,
          file,
        ],
        { timeout: 180_000, stdio: "ignore" },
      );
      const converted = file.replace(/\.docx$/, ".pdf");
      expect(fs.existsSync(converted)).toBe(true);
      const text = execFileSync("pdftotext", ["-layout", converted, "-"])
        .toString("utf8")
        .replace(/\s+/g, " ");
      expect(text).toContain("Criminal Cases Review Commission (CCRC)");
      expect(text).toContain("Liverpool Crown Court");
      expect(text).toContain("real possibility");
      for (const [i, g] of grounds.entries()) expect(text).toContain(`${i + 1}. ${g.ground}`);
      expect(text).toContain("witness-statement.pdf");
    } else {
      // CI installs LibreOffice (.ci/run): there, a missing soffice is a failure, not a skip.
      expect(process.env.CI, "LibreOffice (soffice) must be installed in CI").not.toBe("true");
      console.info("LibreOffice (soffice) is not installed: the DOCX was not opened in it");
    }
  });

  it("drafts an SCCRC application with the two-limb test for a Scottish case", async () => {
    const { lead } = ctx.people.second;
    const page = await as(lead, (tx) => getApplication(tx, lead.acting, scottish));
    expect(page.body).toBe("sccrc");
    const v1 = await as(lead, (tx) =>
      generateApplication(tx, lead.acting, ctx.store, scottish, grounds),
    );
    const { xml } = unzipXml(await docText(v1.docxDocumentId));
    expect(xml).toContain("Scottish Criminal Cases Review Commission (SCCRC)");
    expect(xml).toContain("a miscarriage of justice may have occurred");
    expect(xml).toContain("it is in the interests of justice that a reference should be made");
    expect(xml).not.toContain("real possibility");
  });

  it("numbers versions, keeps a sent version, and refuses to mark it sent twice", async () => {
    const { lead, caseworker } = ctx.people.second;
    const page = await as(lead, (tx) => getApplication(tx, lead.acting, english));
    const v1 = page.versions.find((v) => v.version === 1);
    if (!v1) throw new Error("no version 1");
    expect(
      (
        await appError(
          as(caseworker, (tx) =>
            markApplicationSent(tx, caseworker.acting, english, v1.id, today()),
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await as(lead, (tx) => markApplicationSent(tx, lead.acting, english, v1.id, today()));
    const v2 = await as(lead, (tx) =>
      generateApplication(tx, lead.acting, ctx.store, english, [
        ...grounds,
        {
          ground: "A third ground",
          newMaterial: "A new witness",
          whyNotRaisedBefore: "Only traced in 2025",
        },
      ]),
    );
    expect(v2.version).toBe(2);
    const rows = await ctx.db
      .select()
      .from(reviewApplications)
      .where(eq(reviewApplications.caseId, english));
    const kept = rows.find((r) => r.version === 1);
    expect(kept).toMatchObject({
      sentOn: today(),
      pdfDocumentId: v1.pdfDocumentId,
      docxDocumentId: v1.docxDocumentId,
    });
    expect(kept?.grounds).toHaveLength(2);
    expect(
      (
        await appError(
          as(lead, (tx) => markApplicationSent(tx, lead.acting, english, v1.id, today())),
        )
      ).code,
    ).toBe("CONFLICT");
    const after = await as(lead, (tx) => getApplication(tx, lead.acting, english));
    expect(after.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(after.latestGrounds).toHaveLength(3);
    // The drafts are not listed among the supporting documents of the next draft.
    expect(after.facts.documents.some((d) => d.endsWith(".docx"))).toBe(false);
  });
});
