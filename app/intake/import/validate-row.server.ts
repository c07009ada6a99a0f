import { createHash } from "node:crypto";
import type { z } from "zod";
import { isRealDate } from "~/shared/dates";
import { type ApplicantInput, ApplicantSchema } from "../applicant-schema";
import { PLEAS, QUESTIONS, type Questionnaire, QuestionnaireSchema } from "../questionnaire";
import type { MappedRow } from "./map-row";

export const IMPORT_CHANNELS = ["post", "online", "representative", "email", "import"] as const;
export type ImportChannel = (typeof IMPORT_CHANNELS)[number];

/** Where an imported application stands: a state, and why it closed when it did. */
export interface ImportedOutcome {
  state: "received" | "acknowledged" | "awaiting_information" | "ready_for_assessment" | "closed";
  closedReason: "eligible_referred" | "ineligible" | "withdrawn" | "duplicate" | null;
}

/**
 * The words an old register uses for where an application stands. An old register's rows
 * are mostly decided long ago: "ineligible", "referred" and "withdrawn" close them, so they
 * do not fill the queue as overdue acknowledgements.
 */
const OUTCOMES: Record<string, ImportedOutcome> = {
  received: { state: "received", closedReason: null },
  new: { state: "received", closedReason: null },
  acknowledged: { state: "acknowledged", closedReason: null },
  awaitinginformation: { state: "awaiting_information", closedReason: null },
  moreinformation: { state: "awaiting_information", closedReason: null },
  readyforassessment: { state: "ready_for_assessment", closedReason: null },
  eligible: { state: "closed", closedReason: "eligible_referred" },
  referred: { state: "closed", closedReason: "eligible_referred" },
  eligibleandreferred: { state: "closed", closedReason: "eligible_referred" },
  ineligible: { state: "closed", closedReason: "ineligible" },
  rejected: { state: "closed", closedReason: "ineligible" },
  notaccepted: { state: "closed", closedReason: "ineligible" },
  withdrawn: { state: "closed", closedReason: "withdrawn" },
  duplicate: { state: "closed", closedReason: "duplicate" },
};

export function parseOutcome(text: string | undefined): ImportedOutcome | null {
  if (text === undefined || text.trim() === "") return { state: "received", closedReason: null };
  return OUTCOMES[text.toLowerCase().replace(/[^a-z]/g, "")] ?? null;
}

/** A row that passed every check: what the import inserts. */
export interface ValidRow {
  line: number;
  /** applications.import_key: the same row in any later file gets the same key. */
  key: string;
  applicant: ApplicantInput;
  receivedOn: string;
  channel: ImportChannel;
  outcome: ImportedOutcome;
  questionnaire: Questionnaire;
}

export type CheckedRow = { ok: true; row: ValidRow } | { ok: false; line: number; message: string };

/** Looks establishments up by name: exactly (any case), else by the name without "HMP" etc. */
export interface EstablishmentLookup {
  find(name: string): { id: string } | { problem: string };
}

export interface RowContext {
  establishments: EstablishmentLookup;
  today: string;
}

const QUESTION_NAMES = QUESTIONS.map((q) => q.name);
const PLEA_BY_LABEL = new Map<string, string>(
  PLEAS.flatMap((p) => [
    [p.label.toLowerCase(), p.value],
    [p.value, p.value],
    [p.value.replace("_", " "), p.value],
  ]),
);

/** One message a field: "not a real date" says enough without "cannot be in the future" too. */
function messages(error: z.ZodError): string[] {
  const seen = new Set<string>();
  return error.issues.flatMap((i) => {
    const field = i.path.join(".");
    if (seen.has(field)) return [];
    seen.add(field);
    return [i.message];
  });
}

/**
 * The row's key: its legacy reference when one is mapped, otherwise a hash of what it says
 * (field by field, case and spacing ignored), so that re-importing a file, or a re-export of
 * it with the columns in another order, finds the rows it already holds. Where it stands is
 * left out: it says what happened to the application, not which application it is.
 */
export function rowKey(row: MappedRow): string {
  if (row.legacyReference !== undefined) return `legacy:${row.legacyReference.trim()}`;
  const fields = Object.keys(row)
    .filter((k) => k !== "outcome")
    .sort()
    .map((k) => [k, (row[k] ?? "").toLowerCase().replace(/\s+/g, " ").trim()]);
  return `row:${createHash("sha256").update(JSON.stringify(fields)).digest("hex")}`;
}

/**
 * Checks one mapped row with the same schemas the entry forms use, plus what only an import
 * needs: the establishment by name, the date received, how it arrived. Every problem in the
 * row is reported, not just the first.
 */
export function checkRow(
  line: number,
  row: MappedRow,
  ctx: RowContext,
  legacyMapped: boolean,
): CheckedRow {
  const problems: string[] = [];
  let establishmentId: string | undefined;
  if (row.establishment) {
    const found = ctx.establishments.find(row.establishment);
    if ("problem" in found) problems.push(found.problem);
    else establishmentId = found.id;
  }
  const applicant = ApplicantSchema.safeParse({
    fullName: row.fullName ?? "",
    aliases: row.aliases,
    dateOfBirth: row.dateOfBirth,
    prisonerNumber: row.prisonerNumber,
    otherPrisonerNumber: row.otherPrisonerNumber,
    establishmentId,
    postalAddress: row.postalAddress,
  });
  if (!applicant.success) problems.push(...messages(applicant.error));

  const receivedOn = row.receivedOn ?? "";
  if (!receivedOn) problems.push("Enter the date the application was received");
  else if (!isRealDate(receivedOn))
    problems.push("Date received must be a real date, like 2019-03-14 or 14/03/2019");
  else if (receivedOn > ctx.today) problems.push("Date received cannot be in the future");

  const channelText = (row.channel ?? "import").toLowerCase().replace("e-mail", "email");
  const channel = IMPORT_CHANNELS.find((c) => c === channelText);
  if (!channel)
    problems.push(
      `How it arrived must be post, online, representative, email or import, not “${row.channel}”`,
    );

  const outcome = parseOutcome(row.outcome);
  if (!outcome)
    problems.push(
      `Where it stands must be received, acknowledged, awaiting information, ready for assessment, ineligible, referred, withdrawn or duplicate, not “${row.outcome}”`,
    );

  if (legacyMapped && !row.legacyReference)
    problems.push("The legacy reference is empty: it identifies the row when importing again");

  const answers: Record<string, string | undefined> = {};
  for (const name of QUESTION_NAMES) answers[name] = row[name];
  if (answers.plea) answers.plea = PLEA_BY_LABEL.get(answers.plea.toLowerCase()) ?? answers.plea;
  const questionnaire = QuestionnaireSchema.safeParse(answers);
  if (!questionnaire.success) problems.push(...messages(questionnaire.error));

  if (problems.length > 0 || !applicant.success || !questionnaire.success || !channel || !outcome)
    return { ok: false, line, message: problems.join("; ") };
  const q: Questionnaire = {};
  for (const [k, v] of Object.entries(questionnaire.data)) if (v !== undefined) q[k] = v;
  return {
    ok: true,
    row: {
      line,
      key: rowKey(row),
      applicant: applicant.data,
      receivedOn,
      channel,
      outcome,
      questionnaire: q,
    },
  };
}
