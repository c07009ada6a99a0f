import { z } from "zod";
import { isRealDate } from "~/shared/dates";

/** A term break runs at most this long; a longer absence is a pause. */
export const LONGEST_TERM_BREAK_DAYS = 183;

const date = (missing: string, wrong: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .refine((v) => isRealDate(v), wrong);

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The add-a-term-break form, used by the browser and the server. */
export const TermBreakSchema = z
  .object({
    label: z
      .string()
      .trim()
      .max(100, "The name of the break must be 100 characters or fewer")
      .optional()
      .transform((v) => v || "Term break"),
    startsOn: date(
      "Enter the first day of the break",
      "Enter the first day of the break as a real date, like 2026-06-15",
    ),
    endsOn: date(
      "Enter the last day of the break",
      "Enter the last day of the break as a real date, like 2026-09-20",
    ),
  })
  .superRefine((v, ctx) => {
    if (!isRealDate(v.startsOn) || !isRealDate(v.endsOn)) return;
    if (v.endsOn < v.startsOn) {
      ctx.addIssue({
        code: "custom",
        path: ["endsOn"],
        message: "The break must end on or after the day it starts",
      });
    } else if (daysBetween(v.startsOn, v.endsOn) >= LONGEST_TERM_BREAK_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["endsOn"],
        message: `A term break can last at most ${LONGEST_TERM_BREAK_DAYS} days: pause the project instead`,
      });
    }
  });

export type TermBreakInput = z.infer<typeof TermBreakSchema>;

/** Annual case reports due within this many days are shown as due soon. */
export const REPORT_DUE_SOON_DAYS = 30;
