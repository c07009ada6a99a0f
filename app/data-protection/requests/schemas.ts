import { z } from "zod";
import { REQUEST_KINDS } from "~/db/schema/data-protection";
import { isRealDate, today } from "~/shared/dates";
import { IdSchema } from "~/shared/ids";
import { optionalText, requiredText } from "~/shared/text-fields";

const day = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isRealDate, "Enter a real date, like 2026-12-05");

export const KIND_LABELS: Record<(typeof REQUEST_KINDS)[number], string> = {
  access: "Subject access",
  rectification: "Rectification",
  erasure: "Erasure",
};

/** Logging a request, or correcting what was logged. */
export const RequestSchema = z.object({
  kind: z.enum(REQUEST_KINDS, { error: "Choose what the person asks for" }),
  personName: requiredText("the person's name", 200),
  personDetails: optionalText("Other names, date of birth and prisoner number", 2_000),
  applicantId: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || IdSchema.safeParse(v).success, "That is not an applicant's reference")
    .transform((v) => v || null),
  contactAddress: optionalText("The address to reply to", 1_000),
  identityCheck: requiredText("how the person's identity was checked", 2_000),
  details: optionalText("What they asked for", 10_000),
  receivedOn: day("the day the request was received").refine(
    (v) => !isRealDate(v) || v <= today(),
    "The day received cannot be in the future",
  ),
});
export type RequestInput = z.output<typeof RequestSchema>;

export const EditRequestSchema = RequestSchema.extend({
  version: z.coerce.number().int().min(1),
});
export type EditRequestInput = z.output<typeof EditRequestSchema>;

/** Extending the deadline: to when, and why (the letter to the requester says both). */
export const ExtendSchema = z.object({
  extendTo: day("the new date"),
  reason: requiredText("why more time is needed", 2_000),
});
export type ExtendInput = z.output<typeof ExtendSchema>;

export const CLOSE_OUTCOMES = ["completed", "refused", "withdrawn"] as const;

/** Closing a request: how, with the decision and its reasons. */
export const CloseSchema = z.object({
  outcome: z.enum(CLOSE_OUTCOMES, { error: "Choose how the request ends" }),
  decision: requiredText("the decision and its reasons", 10_000),
});
export type CloseInput = z.output<typeof CloseSchema>;

/** The officer's decision on one item found. */
export const ReviewSchema = z
  .object({
    itemId: IdSchema,
    decision: z.enum(["released", "withheld", "redacted"], { error: "Choose a decision" }),
    exemptionId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
    redactions: optionalText("The passages to remove", 20_000),
    note: optionalText("The note", 2_000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "withheld" && !v.exemptionId)
      ctx.addIssue({
        code: "custom",
        path: ["exemptionId"],
        message: "Choose the exemption the item is withheld under",
      });
    if (v.exemptionId && !IdSchema.safeParse(v.exemptionId).success)
      ctx.addIssue({ code: "custom", path: ["exemptionId"], message: "Choose an exemption" });
    if (v.decision === "redacted" && !v.redactions.trim())
      ctx.addIssue({
        code: "custom",
        path: ["redactions"],
        message: "Type the passages to remove, one to a line",
      });
  });
export type ReviewInput = z.output<typeof ReviewSchema>;

/** An exemption on the editable list. */
export const ExemptionSchema = z.object({
  exemptionId: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || IdSchema.safeParse(v).success, "Choose an exemption")
    .transform((v) => v || null),
  label: requiredText("the exemption's name", 200),
  description: optionalText("The description", 2_000),
  active: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});
export type ExemptionInput = z.output<typeof ExemptionSchema>;

/** A form that is only a button. */
export const ButtonSchema = z.object({});
