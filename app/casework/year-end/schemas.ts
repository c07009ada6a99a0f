import { z } from "zod";
import { isRealDate } from "~/shared/dates";
import { IdSchema } from "~/shared/ids";

/** The forms of the year-end page and the hand-over page: one schema each. */

const realDate = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .refine(isRealDate, "Enter a real date, for example 2027-08-31");

/** The end of the academic year the page is about (the first day the leavers are off). */
export const YearEndDateSchema = realDate("Enter the end of the academic year");

/** The year the page was showing, kept across a change (left out or unreadable: the usual). */
const ShownYearEnd = z
  .string()
  .optional()
  .transform((v) => (v && isRealDate(v.trim()) ? v.trim() : undefined));

/** Putting someone of the next cohort on a case: from a day, until a day or the year's end. */
export const NextMemberSchema = z.object({
  intent: z.literal("add"),
  yearEnd: ShownYearEnd,
  caseId: z.string({ error: "The case was not found: reload the page" }).pipe(IdSchema),
  userId: z.string({ error: "Choose who joins the team" }).pipe(IdSchema),
  startsOn: realDate("Enter the day they join the case"),
  endsOn: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isRealDate(v), "Enter a real date, for example 2028-08-31"),
});

/** Setting the day someone leaves a case (the first day they are off it). */
export const MemberEndSchema = z.object({
  intent: z.literal("end"),
  yearEnd: ShownYearEnd,
  caseId: z.string({ error: "The case was not found: reload the page" }).pipe(IdSchema),
  userId: z.string({ error: "Choose who leaves the case" }).pipe(IdSchema),
  endsOn: realDate("Enter the day they leave the case"),
});

/** "Ask for hand-over notes": for the year ending on the day shown on the page. */
export const AskForNotesSchema = z.object({
  intent: z.literal("ask"),
  yearEnd: YearEndDateSchema,
});

/** A team member's own hand-over note, on the case's hand-over page. */
export const HandoverNoteTextSchema = z.object({
  intent: z.literal("my-note"),
  text: z
    .string({ error: "Write your hand-over note" })
    .trim()
    .min(1, "Write your hand-over note")
    .max(20_000, "The note must be 20,000 characters or fewer"),
});
