import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";
import { IdSchema } from "~/shared/ids";

const text = (required: string, max: number, label: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

export const GroundSchema = z.object({
  ground: text("State the ground", 5_000, "The ground"),
  newMaterial: text(
    "Describe the new evidence or argument",
    20_000,
    "The new evidence or argument",
  ),
  whyNotRaisedBefore: text(
    "Say why it was not raised at trial or on appeal",
    10_000,
    "Why it was not raised before",
  ),
});
export type Ground = z.infer<typeof GroundSchema>;

/** Generating a draft: the grounds as the lead wrote them on the page, at least one. */
export const GenerateApplicationSchema = z.object({
  grounds: z
    .array(GroundSchema, { error: "Add at least one ground" })
    .min(1, "Add at least one ground")
    .max(20, "An application can have at most 20 grounds"),
});

/** Marking a version as sent to the review body, on a day. */
export const MarkSentSchema = z.object({
  applicationId: z.string({ error: "The version was not found: reload the page" }).pipe(IdSchema),
  sentOn: z
    .string({ error: "Enter the date it was sent" })
    .trim()
    .min(1, "Enter the date it was sent")
    .refine(isRealDate, "The date it was sent must be a real date, like 2026-11-23")
    .refine((v) => !isRealDate(v) || v <= today(), "The date it was sent cannot be in the future"),
});
