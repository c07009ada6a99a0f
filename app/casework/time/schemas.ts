import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";

const count = (label: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d+$/.test(v), `${label} must be a whole number, like 45`)
    .transform((v) => (v === "" ? 0 : Number(v)))
    .refine((v) => v <= max, `${label} must be ${max} or fewer`);

/** Logging time: the day, hours and/or minutes (together at most a day), and what was done. */
export const TimeEntrySchema = z
  .object({
    workedOn: z
      .string({ error: "Enter the day you worked" })
      .trim()
      .min(1, "Enter the day you worked")
      .refine(isRealDate, "The day must be a real date, like 2026-11-23")
      .refine((v) => !isRealDate(v) || v <= today(), "The day cannot be in the future"),
    hours: count("Hours", 24),
    minutes: count("Minutes", 1_440),
    activity: z
      .string({ error: "Say what you worked on" })
      .trim()
      .min(1, "Say what you worked on")
      .max(1_000, "What you worked on must be 1,000 characters or fewer"),
  })
  .superRefine((v, ctx) => {
    const total = v.hours * 60 + v.minutes;
    if (total === 0)
      ctx.addIssue({ code: "custom", path: ["minutes"], message: "Enter how long you worked" });
    else if (total > 24 * 60)
      ctx.addIssue({
        code: "custom",
        path: ["minutes"],
        message: "The time must be 24 hours or less for one day",
      });
  })
  .transform(({ hours, minutes, ...rest }) => ({ ...rest, minutes: hours * 60 + minutes }));
export type TimeEntryInput = z.infer<typeof TimeEntrySchema>;

/** "3 h 5 min", "45 min", "2 h". */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The hours and minutes fields of a logged entry, for its correction form. */
export function splitMinutes(total: number): { hours: string; minutes: string } {
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}
