import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";

/** Recording a case review meeting: the decisions are what it is for, so they are required. */
export const ReviewSchema = z.object({
  heldOn: z
    .string({ error: "Enter the date of the review" })
    .trim()
    .min(1, "Enter the date of the review")
    .refine(isRealDate, "The date of the review must be a real date, like 2026-11-23")
    .refine(
      (v) => !isRealDate(v) || v <= today(),
      "The date of the review cannot be in the future",
    ),
  attendees: z
    .string()
    .trim()
    .max(2_000, "Who attended must be 2,000 characters or fewer")
    .optional()
    .transform((v) => v ?? ""),
  decisions: z
    .string({ error: "Write what the review decided" })
    .trim()
    .min(1, "Write what the review decided")
    .max(20_000, "The decisions must be 20,000 characters or fewer"),
  actions: z
    .string()
    .trim()
    .max(20_000, "The actions must be 20,000 characters or fewer")
    .optional()
    .transform((v) => v ?? ""),
});
export type ReviewInput = z.infer<typeof ReviewSchema>;
