import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { ApplicantSchema } from "../applicant-schema";

export const ENTRY_CHANNELS = {
  post: "By post, from the applicant",
  representative: "From a representative (family, friend, solicitor or MP)",
  email: "By e-mail",
} as const;
export type EntryChannel = keyof typeof ENTRY_CHANNELS;

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * The first page of a postal application: who the applicant is, when and how it arrived,
 * and whether a form of authority came with it. `applicantChoice` is asked only once
 * likely matches have been shown: an existing applicant's id, or "new".
 */
export const NewApplicationSchema = ApplicantSchema.extend({
  receivedOn: z
    .string({ error: "Enter the date the application was received" })
    .trim()
    .min(1, "Enter the date the application was received")
    .refine(isRealDate, "The date received must be a real date, like 2026-11-23")
    .refine((v) => !isRealDate(v) || v <= today(), "The date received cannot be in the future"),
  channel: z.enum(["post", "representative", "email"], { error: "Choose how it arrived" }),
  consentSigned: z.enum(["yes", "no"], {
    error: "Say whether a signed consent or form of authority came with it",
  }),
  consentSignedOn: optionalDate
    .refine((v) => v === undefined || isRealDate(v), "The date signed must be a real date")
    .refine((v) => v === undefined || v <= today(), "The date signed cannot be in the future"),
  applicantChoice: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => v === undefined || v === "new" || isId(v),
      "Choose one of the people listed, or a new applicant",
    ),
}).superRefine((v, ctx) => {
  if (v.consentSigned === "no" && v.consentSignedOn) {
    ctx.addIssue({
      code: "custom",
      path: ["consentSignedOn"],
      message: "Give a date signed only when a signed form came with it",
    });
  }
  if (v.consentSignedOn && v.dateOfBirth && v.consentSignedOn < v.dateOfBirth) {
    ctx.addIssue({
      code: "custom",
      path: ["consentSignedOn"],
      message: "The date signed cannot be before the applicant's date of birth",
    });
  }
});

export type NewApplicationInput = z.infer<typeof NewApplicationSchema>;
