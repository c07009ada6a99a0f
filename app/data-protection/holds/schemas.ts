import { z } from "zod";
import { HOLD_TARGETS } from "~/db/schema/data-protection";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {
  message: "Enter the date as YYYY-MM-DD, for example 2027-03-31.",
});

export const PlaceHoldSchema = z.object({
  targetType: z.enum(HOLD_TARGETS, { message: "Choose what the hold is on." }),
  reference: z
    .string({ message: "Enter the reference of the application or case." })
    .trim()
    .min(1, { message: "Enter the reference of the application or case." })
    .max(60),
  reason: z
    .string({ message: "Say why the records must be kept." })
    .trim()
    .min(3, { message: "Say why the records must be kept." })
    .max(1000),
  until: Day.optional(),
});
export type PlaceHoldInput = z.output<typeof PlaceHoldSchema>;

export const ReleaseHoldSchema = z.object({
  holdId: z.guid({ message: "That is not a valid reference." }),
  releaseReason: z
    .string({ message: "Say why the hold is released." })
    .trim()
    .min(3, { message: "Say why the hold is released." })
    .max(1000),
});
export type ReleaseHoldInput = z.output<typeof ReleaseHoldSchema>;

export const HOLD_TARGET_LABELS = {
  applicant: "The applicant, with all their applications and cases",
  application: "One application, with the cases made from it",
  case: "One case at a project",
} as const;
