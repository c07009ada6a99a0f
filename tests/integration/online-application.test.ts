import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import type { Database } from "~/db/database.server";
import { applicants, applicationDrafts, applications, auditEvents, emailOutbox } from "~/db/schema";
import {
  chooseDraftSecret,
  findDraft,
  RATE_LIMITS,
  resumeDraft,
  saveDraftAnswers,
  startDraft,
} from "~/intake/online/drafts.server";
import { AboutYouSchema, onlineApplicantSchema } from "~/intake/online/schemas";
import { submitDraft } from "~/intake/online/submit-draft.server";
import { createMailer } from "~/mail/mailer.server";
import { createNetwork } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await createNetwork(database.db);
});
afterAll(async () => {
  await database?.close();
});

/** Every test comes from its own address, so that rate limits do not leak between tests. */
const newIp = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
const mailer = () =>
  createMailer({ smtpUrl: undefined, from: "test@clearname.invalid", db: database.db });

async function started() {
  const result = await startDraft(database.db, { ip: newIp() });
  if (result.kind !== "started") throw new Error(`not started: ${result.kind}`);
  return result.draft;
}

const send = (draftId: string, extra: { ip?: string; honeypot?: string } = {}) =>
  submitDraft(database.db, mailer(), { draftId, ip: newIp(), ...extra });
const SECRET = "blue heron 42";
const resume = (reference: string, secret = SECRET, ip = newIp()) =>
  resumeDraft(database.db, { reference, secret, ip });
const countDrafts = () => database.db.$count(applicationDrafts);
const save = (id: string, step: string, answers: Record<string, unknown>) =>
  saveDraftAnswers(database.db, id, step, answers);

/** A draft filled in by a family member, with a secret, ready to send. */
async function readyDraft(email = `family-${randomBytes(3).toString("hex")}@example.org`) {
  const draft = await started();
  const about = { applyingFor: "behalf", name: "Mair Evans", relationship: "family", email };
  await save(
    draft.id,
    "about-you",
    AboutYouSchema.parse({ ...about, applicantAgrees: "yes", copies: "no" }),
  );
  const withPassword = await chooseDraftSecret(database.db, draft.id, SECRET);
  const applicant = { fullName: "Owain Evans", dateOfBirth: "1985-02-11", inPrison: "no" };
  await save(
    draft.id,
    "applicant",
    onlineApplicantSchema().parse({
      ...applicant,
      prisonerNumber: "a 1234-bc",
      postalAddress: "1 High Street, Bangor",
    }),
  );
  const conviction = {
    offences: "Robbery",
    court: "Mold Crown Court",
    convictionDate: "2012-06-01",
  };
  await save(draft.id, "conviction", conviction);
  return { draft: withPassword, email };
}

describe("starting and saving an application", () => {
  it("starts a draft with a key of its own, no password yet, kept for 30 days", async () => {
    const draft = await started();
    expect(draft.reference).toMatch(/^AP-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(draft.hasSecret).toBe(false);
    expect(draft.step).toBe("about-you");
    const [row] = await database.db
      .select()
      .from(applicationDrafts)
      .where(eq(applicationDrafts.id, draft.id));
    const days = ((row?.expiresAt.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it("throws away a start with the honeypot filled in, saving nothing", async () => {
    const before = await countDrafts();
    const result = await startDraft(database.db, { ip: newIp(), honeypot: "http://spam.example" });
    expect(result).toEqual({ kind: "discarded" });
    expect(await countDrafts()).toBe(before);
  });

  it("lets one address start only so many applications an hour", async () => {
    const ip = newIp();
    for (let i = 0; i < RATE_LIMITS.start.limit; i++) {
      expect((await startDraft(database.db, { ip })).kind).toBe("started");
    }
    expect(await startDraft(database.db, { ip })).toEqual({
      kind: "throttled",
      retryAfterMinutes: RATE_LIMITS.start.minutes,
    });
    expect((await startDraft(database.db, { ip: newIp() })).kind).toBe("started");
  });

  it("sets the application's reference aside when a password is first chosen, and replaces only a page's own answers", async () => {
    const { draft } = await readyDraft();
    const saved = await findDraft(database.db, draft.id);
    expect(saved?.hasSecret).toBe(true);
    expect(saved?.reference).toMatch(/^CN-\d{4}-\d{5}$/);
    expect(saved?.step).toBe("prosecution");
    // A new password keeps the reference.
    await chooseDraftSecret(database.db, draft.id, SECRET);
    expect((await findDraft(database.db, draft.id))?.reference).toBe(saved?.reference);
    expect(saved?.data.applicant?.prisonerNumber).toBe("A1234BC");
    await save(draft.id, "conviction", { offences: "Robbery" });
    const after = await findDraft(database.db, draft.id);
    expect(after?.data.questionnaire).toEqual({ offences: "Robbery" });
    expect(after?.step).toBe("prosecution");
  });
});

describe("resuming a saved application", () => {
  it("opens with the right secret, however the reference is written, and not with a wrong one", async () => {
    const { draft } = await readyDraft();
    const ok = await resume(draft.reference.toLowerCase().replace(/-/g, " "));
    expect(ok.kind === "resumed" && ok.draft.id).toBe(draft.id);
    expect(ok.kind === "resumed" && ok.draft.data.aboutYou?.applyingFor).toBe("behalf");
    expect(await resume(draft.reference, "blue heron 43")).toEqual({ kind: "invalid" });
    expect(await resume("AP-2222-2222")).toEqual({ kind: "invalid" });
    // A draft whose secret was never chosen cannot be opened at all.
    const unsaved = await started();
    for (const secret of ["", "anything at all"]) {
      expect(await resume(unsaved.reference, secret)).toEqual({ kind: "invalid" });
    }
  });

  it("limits guesses at a reference's secret from any address, and guesses from one address", async () => {
    const { draft } = await readyDraft();
    for (let i = 0; i < RATE_LIMITS.resumeByReference.limit; i++) {
      expect((await resume(draft.reference, `guess-${i}-xx`)).kind).toBe("invalid");
    }
    expect((await resume(draft.reference)).kind).toBe("throttled");
    const ip = newIp();
    for (let i = 0; i < RATE_LIMITS.resumeByAddress.limit; i++) {
      expect((await resume(`AP-NONE-${i}`, SECRET, ip)).kind).toBe("invalid");
    }
    const other = await readyDraft();
    expect((await resume(other.draft.reference, SECRET, ip)).kind).toBe("throttled");
  });

  it("says an expired draft has expired, keeps it from changes and from being sent", async () => {
    const { draft } = await readyDraft();
    await database.db
      .update(applicationDrafts)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(applicationDrafts.id, draft.id));
    expect(await resume(draft.reference)).toEqual({ kind: "expired" });
    await expect(save(draft.id, "conviction", { offences: "Theft" })).rejects.toThrow(
      /can no longer be changed/,
    );
    expect(await send(draft.id)).toEqual({
      kind: "unavailable",
    });
  });
});

describe("sending an application", () => {
  it("records the applicant and the application, audited with no user, and e-mails the reference", async () => {
    const { draft, email } = await readyDraft();
    const ip = newIp();
    const result = await submitDraft(database.db, mailer(), {
      draftId: draft.id,
      ip,
      requestId: "req-online-1",
    });
    if (result.kind !== "submitted") throw new Error(`not submitted: ${result.kind}`);
    // One reference throughout: the one set aside when she saved.
    expect(result.reference).toBe(draft.reference);

    const [application] = await database.db
      .select()
      .from(applications)
      .where(eq(applications.reference, result.reference));
    expect(application?.channel).toBe("representative");
    expect(application?.recordedBy).toBeNull();
    expect(application?.convictionDate).toBe("2012-06-01");
    expect(application?.questionnaire).toEqual({
      offences: "Robbery",
      court: "Mold Crown Court",
      convictionDate: "2012-06-01",
    });
    expect(application?.submittedBy).toMatchObject({
      applyingFor: "behalf",
      name: "Mair Evans",
      relationship: "family",
      applicantAgrees: true,
    });
    const [applicant] = await database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, application?.applicantId ?? ""));
    expect(applicant?.fullName).toBe("Owain Evans");
    expect(applicant?.prisonerNumber).toBe("A1234BC");

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, application?.applicantId ?? ""));
    expect(events.map((e) => [e.action, e.actorUserId, e.ip, e.requestId]).sort()).toEqual([
      ["applicant.created", null, ip, "req-online-1"],
      ["applicant.representative_added", null, ip, "req-online-1"],
      ["application.created", null, ip, "req-online-1"],
    ]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);

    const mail = await database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, email));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain(result.reference);
    expect(mail[0]?.textBody).toContain(`Its reference is ${result.reference}.`);
    expect(mail[0]?.textBody).not.toContain("Owain");

    // The draft is marked sent and emptied; sending again gives the same reference.
    const after = await findDraft(database.db, draft.id);
    expect(after?.submittedReference).toBe(result.reference);
    expect(after?.data).toEqual({});
    const again = await send(draft.id);
    expect(again).toEqual({ kind: "submitted", reference: result.reference });
    expect(
      await database.db.$count(applications, eq(applications.applicantId, applicant?.id ?? "")),
    ).toBe(1);
  });

  it("records an applicant's own application as online", async () => {
    const draft = await started();
    await save(draft.id, "about-you", { applyingFor: "self" });
    const applicant = { fullName: "Rhys Self", inPrison: "no", postalAddress: "Rhyl" };
    await save(draft.id, "applicant", onlineApplicantSchema().parse(applicant));
    const result = await send(draft.id);
    if (result.kind !== "submitted") throw new Error(`not submitted: ${result.kind}`);
    const [application] = await database.db
      .select()
      .from(applications)
      .where(eq(applications.reference, result.reference));
    expect(application?.channel).toBe("online");
    expect(application?.submittedBy).toMatchObject({ applyingFor: "self" });
  });

  it("throws away a sending with the honeypot filled in", async () => {
    const { draft } = await readyDraft();
    const result = await send(draft.id, { honeypot: "buy now" });
    expect(result).toEqual({ kind: "discarded" });
    expect((await findDraft(database.db, draft.id))?.submittedReference).toBeNull();
  });

  it("refuses a draft with a page missing, or a conviction before the applicant was born", async () => {
    const draft = await started();
    expect(await send(draft.id)).toEqual({
      kind: "incomplete",
      problems: [
        { step: "about-you", message: "Say who is filling in the form" },
        { step: "applicant", message: "Give the applicant's details" },
      ],
    });
    const { draft: dated } = await readyDraft();
    // The date of birth is changed after the conviction date was given.
    await database.db
      .update(applicationDrafts)
      .set({ data: sql`jsonb_set(data, '{applicant,dateOfBirth}', '"2013-01-01"')` })
      .where(eq(applicationDrafts.id, dated.id));
    const result = await send(dated.id);
    expect(result.kind === "incomplete" && result.problems).toEqual([
      {
        step: "applicant",
        message: "Date of birth must be before the date of conviction you gave (2012-06-01)",
      },
      {
        step: "conviction",
        message: "Date of conviction cannot be before the applicant's date of birth (2013-01-01)",
      },
    ]);
  });

  it("lets one address send only so many applications an hour", async () => {
    const ip = newIp();
    for (let i = 0; i < RATE_LIMITS.submit.limit; i++) {
      const { draft } = await readyDraft();
      expect((await send(draft.id, { ip })).kind).toBe("submitted");
    }
    const { draft } = await readyDraft();
    expect(await send(draft.id, { ip })).toEqual({
      kind: "throttled",
      retryAfterMinutes: RATE_LIMITS.submit.minutes,
    });
    expect((await findDraft(database.db, draft.id))?.submittedReference).toBeNull();
  });
});
