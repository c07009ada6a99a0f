import { z } from "zod";
import { PAPER_KINDS } from "~/db/schema/casework";
import { isRealDate } from "~/shared/dates";
import { IdSchema, isId } from "~/shared/ids";

/** The forms of the papers page: one schema each, used in the browser and on the server. */

export const PAPER_KIND_LABELS: Record<(typeof PAPER_KINDS)[number], string> = {
  trial_transcript: "Trial transcript",
  prosecution_bundle: "Prosecution bundle",
  unused_material_schedule: "Unused material schedule",
  defence_file: "Defence file",
  appeal_papers: "Appeal papers",
  forensic_report: "Forensic report",
  other: "Other papers",
};

export const RECIPIENT_KINDS = [
  "former_solicitors",
  "cps",
  "police",
  "court",
  "forensic_provider",
  "other",
] as const;

export const RECIPIENT_KIND_LABELS: Record<(typeof RECIPIENT_KINDS)[number], string> = {
  former_solicitors: "Former solicitors",
  cps: "Crown Prosecution Service",
  police: "Police",
  court: "Court",
  forensic_provider: "Forensic provider",
  other: "Other",
};

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: keep it to ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((v) => v ?? "");

const required = (missing: string, max = 500) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Keep it to ${max} characters or fewer`);

const date = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .refine(isRealDate, "Enter a real date, for example 2026-03-14");

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => v === undefined || isRealDate(v),
      `${label}: enter a real date, for example 2026-03-14`,
    )
    .transform((v) => v ?? null);

const id = z.string({ error: "Something went wrong: reload the page" }).pipe(IdSchema);

export const PaperSchema = z.object({
  kind: z.enum(PAPER_KINDS, { error: "Choose what kind of papers these are" }),
  description: text(1000, "The description"),
  location: text(1000, "Where they are"),
  held: z.enum(["yes", "no"], { error: "Say whether the project holds them" }),
});

/** Correcting an inventory entry: its description, where the papers are, whether held. */
export const EditPaperSchema = PaperSchema.omit({ kind: true });

/** Why papers with requests cannot be removed: the requests and their letters name them. */
export function papersWithRequests(count: number): string {
  return `These papers cannot be removed: ${count === 1 ? "a request for them is" : `${count} requests for them are`} recorded, and the request letters name them. Correct the entry instead.`;
}

export const HeldSchema = z.object({
  paperId: id,
  held: z.enum(["yes", "no"]),
});

export const AuthoritySchema = z.object({
  recordedOn: date("Enter the date the signed form of authority was received"),
  documentId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isId(v), "Choose a document from the list"),
});

export const RequestSchema = z.object({
  paperId: z
    .string({ error: "Choose which papers are asked for" })
    .refine(isId, "Choose which papers are asked for"),
  recipientKind: z.enum(RECIPIENT_KINDS, { error: "Choose who the request goes to" }),
  recipient: required("Enter who the request goes to"),
  recipientAddress: required("Enter their postal address", 2000),
  requestedOn: date("Enter the date of the request"),
  chaseOn: optionalDate("The date to chase"),
});

export const ChaseSchema = z.object({
  requestId: id,
  chasedOn: date("Enter the date it was chased"),
  nextChaseOn: optionalDate("The next date to chase"),
});

export const ReplySchema = z.object({
  requestId: id,
  status: z.enum(["answered", "refused"], { error: "Say whether the papers were sent or refused" }),
  repliedOn: date("Enter the date of the reply"),
  reply: required("Say what the reply was", 5000),
});

/** Why a request for papers is refused before the client's form of authority is on file. */
export const NO_AUTHORITY =
  "Record the client's signed form of authority before asking anyone for papers: without it, no one may release them to the project.";
