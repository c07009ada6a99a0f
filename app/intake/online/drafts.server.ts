import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { hitRateLimit } from "~/access/rate-limit.server";
import { asSystem, type Db, type Tx } from "~/db/database.server";
import { applicationDrafts, applications, establishments } from "~/db/schema";
import { hashPassword, verifyPassword } from "~/identity/passwords.server";
import { today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { QUESTIONNAIRE_SECTIONS } from "../questionnaire";
import { allocateReferences } from "../references.server";
import { DRAFT_DAYS, type DraftData } from "./draft-data";
import { APPLICATION_REFERENCE, normaliseDraftReference } from "./schemas";
import { furthestStep, nextStep } from "./steps";

/**
 * Applications in progress on the public site. They are nobody's yet, so they are read and
 * written as the system; the pages only reach one through its signed cookie, or its
 * reference and the secret the person chose (app/intake/online/draft-cookie.server.ts).
 */

export const RATE_LIMITS = {
  start: { limit: 10, minutes: 60 },
  submit: { limit: 5, minutes: 60 },
  resumeByAddress: { limit: 10, minutes: 60 },
  resumeByReference: { limit: 10, minutes: 60 },
} as const;

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

export interface Draft {
  id: string;
  reference: string;
  data: DraftData;
  step: string;
  hasSecret: boolean;
  submittedReference: string | null;
  expired: boolean;
}

type Throttled = { kind: "throttled"; retryAfterMinutes: number };

function newDraftReference(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return normaliseDraftReference(chars);
}

const expiresAt = () => new Date(Date.now() + DRAFT_DAYS * 86_400_000);

async function limit(db: Db, key: string, rule: { limit: number; minutes: number }) {
  const hit = await hitRateLimit(db, key, rule.limit, rule.minutes);
  return hit.allowed
    ? null
    : ({ kind: "throttled", retryAfterMinutes: hit.retryAfterMinutes } as const);
}

/** Starts an application for someone on the public site; a robot (honeypot filled) gets nothing. */
export async function startDraft(
  db: Db,
  input: { ip: string; honeypot?: string | null },
): Promise<{ kind: "discarded" } | Throttled | { kind: "started"; draft: Draft }> {
  if (input.honeypot) return { kind: "discarded" };
  const throttled = await limit(db, `apply:start:${input.ip}`, RATE_LIMITS.start);
  if (throttled) return throttled;
  return asSystem(db, async (tx) => {
    for (let attempt = 0; ; attempt++) {
      // An empty secret hash: no password chosen yet, so nobody can resume it. The AP-
      // reference is the draft's key until it is saved; it is never shown (decision 022).
      const [row] = await tx
        .insert(applicationDrafts)
        .values({ reference: newDraftReference(), secretHash: "", expiresAt: expiresAt() })
        .onConflictDoNothing()
        .returning({ id: applicationDrafts.id });
      if (row) return { kind: "started", draft: (await readDraft(tx, row.id)) as Draft };
      if (attempt >= 5) throw new Error("Could not find an unused draft reference");
    }
  });
}

/** Reads a draft inside a transaction; `forUpdate` holds it until the transaction ends. */
export async function readDraft(tx: Tx, id: string, forUpdate = false): Promise<Draft | null> {
  if (!isId(id)) return null;
  const query = tx
    .select({
      id: applicationDrafts.id,
      reference: applicationDrafts.reference,
      data: applicationDrafts.data,
      step: applicationDrafts.step,
      secretHash: applicationDrafts.secretHash,
      submittedReference: applications.reference,
      expiresAt: applicationDrafts.expiresAt,
    })
    .from(applicationDrafts)
    .leftJoin(applications, eq(applications.id, applicationDrafts.submittedApplicationId))
    .where(eq(applicationDrafts.id, id));
  const [row] = forUpdate ? await query.for("update", { of: applicationDrafts }) : await query;
  if (!row) return null;
  const { secretHash, expiresAt: at, ...rest } = row;
  return {
    ...rest,
    data: row.data as DraftData,
    hasSecret: secretHash !== "",
    expired: at.getTime() <= Date.now(),
  };
}

/** The draft, whether or not it has expired or been sent; null if there is no such draft. */
export function findDraft(db: Db, id: string): Promise<Draft | null> {
  return asSystem(db, (tx) => readDraft(tx, id));
}

/**
 * Saves one page's answers (already checked by its schema), moves the place to carry on from
 * forward, and keeps the draft another DRAFT_DAYS. A questionnaire page replaces only its own
 * questions, so an answer cleared on that page is cleared here too.
 */
export async function saveDraftAnswers(
  db: Db,
  id: string,
  step: string,
  answers: Record<string, unknown>,
): Promise<Draft> {
  return asSystem(db, async (tx) => {
    const draft = await readDraft(tx, id, true);
    if (!draft || draft.expired || draft.submittedReference) {
      throw new Error("This application can no longer be changed");
    }
    const data: DraftData = { ...draft.data };
    if (step === "about-you") data.aboutYou = answers as DraftData["aboutYou"];
    else if (step === "applicant") data.applicant = answers as DraftData["applicant"];
    else {
      const section = QUESTIONNAIRE_SECTIONS.find((s) => s.key === step);
      if (!section) throw new Error(`No such page: ${step}`);
      const questionnaire = { ...data.questionnaire };
      for (const q of section.questions) {
        const value = answers[q.name];
        if (typeof value === "string" && value) questionnaire[q.name] = value;
        else delete questionnaire[q.name];
      }
      data.questionnaire = questionnaire;
    }
    const next = furthestStep(draft.step, nextStep(step));
    await tx
      .update(applicationDrafts)
      .set({ data: { ...data }, step: next, expiresAt: expiresAt(), updatedAt: new Date() })
      .where(eq(applicationDrafts.id, id));
    return { ...draft, data, step: next };
  });
}

/**
 * Sets (or changes) the password that, with the reference, opens the draft again. The first
 * time, the application's own reference is set aside for the draft (decision 022): the one
 * reference the person writes down now is the one the application will have.
 */
export async function chooseDraftSecret(db: Db, id: string, secret: string): Promise<Draft> {
  const secretHash = await hashPassword(secret);
  return asSystem(db, async (tx) => {
    const draft = await readDraft(tx, id, true);
    if (!draft || draft.expired || draft.submittedReference) {
      throw new Error("This application can no longer be changed");
    }
    const reference = APPLICATION_REFERENCE.test(draft.reference)
      ? draft.reference
      : ((await allocateReferences(tx, Number(today().slice(0, 4))))[0] ?? draft.reference);
    await tx
      .update(applicationDrafts)
      .set({ secretHash, reference, expiresAt: expiresAt(), updatedAt: new Date() })
      .where(eq(applicationDrafts.id, id));
    return { ...draft, hasSecret: true, reference };
  });
}

/**
 * Opens a saved application with its reference and secret. Guesses are limited by address and
 * by reference, and a wrong reference takes as long to refuse as a wrong secret.
 */
export async function resumeDraft(
  db: Db,
  input: { reference: string; secret: string; ip: string },
): Promise<
  Throttled | { kind: "invalid" } | { kind: "expired" } | { kind: "resumed"; draft: Draft }
> {
  const reference = normaliseDraftReference(input.reference);
  const throttled =
    (await limit(db, `apply:resume:${input.ip}`, RATE_LIMITS.resumeByAddress)) ??
    (await limit(db, `apply:resume-ref:${reference}`, RATE_LIMITS.resumeByReference));
  if (throttled) return throttled;
  const [row] = await asSystem(db, (tx) =>
    tx
      .select({ id: applicationDrafts.id, secretHash: applicationDrafts.secretHash })
      .from(applicationDrafts)
      .where(eq(applicationDrafts.reference, reference)),
  );
  if (!(await verifyPassword(row?.secretHash || null, input.secret)) || !row) {
    return { kind: "invalid" };
  }
  const draft = await findDraft(db, row.id);
  if (!draft) return { kind: "invalid" };
  if (draft.expired && !draft.submittedReference) return { kind: "expired" };
  return { kind: "resumed", draft };
}

/** For the check-your-answers page: the prison's name, not its id. */
export async function establishmentName(db: Db, id: string | undefined): Promise<string | null> {
  if (!id || !isId(id)) return null;
  const [row] = await asSystem(db, (tx) =>
    tx.select({ name: establishments.name }).from(establishments).where(eq(establishments.id, id)),
  );
  return row?.name ?? null;
}
