import { z } from "zod";
import { isRealDate } from "~/shared/dates";
import { IdSchema, isId } from "~/shared/ids";

/** Adding or changing a manual chronology event (one schema; `eventId` set when changing). */
export const ChronologyEventSchema = z.object({
  eventId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isId(v), "Something went wrong: reload the page"),
  occurredOn: z
    .string({ error: "Enter the date of the event" })
    .trim()
    .min(1, "Enter the date of the event")
    .refine(isRealDate, "Enter a real date, for example 2018-11-03"),
  timeNote: z
    .string()
    .trim()
    .max(100, "Keep the time to 100 characters or fewer")
    .optional()
    .transform((v) => v || null),
  description: z
    .string({ error: "Say what happened" })
    .trim()
    .min(1, "Say what happened")
    .max(5000, "Keep the description to 5,000 characters or fewer"),
  source: z
    .string()
    .trim()
    .max(1000, "Keep the source to 1,000 characters or fewer")
    .optional()
    .transform((v) => v ?? ""),
});

export const DeleteEventSchema = z.object({
  eventId: z.string({ error: "Something went wrong: reload the page" }).pipe(IdSchema),
});
