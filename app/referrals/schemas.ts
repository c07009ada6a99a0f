import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";
import { IdSchema, isId } from "~/shared/ids";

/**
 * The referral coordinator's forms, one schema each, parsed the same way in the browser and
 * on the server. The offer form's schema is made from the page's facts (which projects can be
 * offered, which are not suggested, which documents are filed), so the browser checks what the
 * server will: the server builds it again from the database inside the offer's transaction.
 */

const requiredText = (message: string, label: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

const checkbox = () =>
  z
    .union([z.literal("on"), z.literal("true"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true");

const stringList = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean));

export interface OfferChoices {
  /** Projects that can be offered a case (active ones). */
  offerable: readonly string[];
  /** Offerable projects that are not suggested: choosing one needs "offer it anyway". */
  unsuitable: readonly string[];
  /** The documents filed on the application, which may go in the case pack. */
  documents: readonly string[];
}

export const SUMMARY_MAX = 20_000;

/**
 * Offering the case to one project. Without `choices`, only the form's shape is checked (the
 * server's first pass, before it reads the choices from the database inside the transaction).
 */
export function offerSchema(choices?: OfferChoices) {
  return z
    .object({
      projectId: z
        .string({ error: "Choose the project to offer the case to" })
        .refine(
          (v) => (choices ? choices.offerable.includes(v) : isId(v)),
          "Choose one of the projects listed",
        ),
      anyway: checkbox(),
      summary: requiredText("Write the case summary for the project", "The summary", SUMMARY_MAX),
      includeAccount: checkbox(),
      documentIds: stringList().refine(
        (ids) => ids.every((id) => (choices ? choices.documents.includes(id) : isId(id))),
        "Choose documents from the list",
      ),
      expiresOn: z
        .string({ error: "Enter the date the offer ends" })
        .trim()
        .min(1, "Enter the date the offer ends")
        .refine(isRealDate, "The date the offer ends must be a real date, like 2026-07-14")
        .refine((v) => !isRealDate(v) || v > today(), "The offer must end after today"),
    })
    .superRefine((v, ctx) => {
      if (choices?.unsuitable.includes(v.projectId) && !v.anyway)
        ctx.addIssue({
          code: "custom",
          path: ["anyway"],
          message:
            "The project you chose is not suggested: tick “Offer it anyway” to offer it the case",
        });
    });
}
export type OfferFormInput = z.infer<ReturnType<typeof offerSchema>>;

/** Taking back an offer the project has not answered. */
export const WithdrawOfferSchema = z.object({
  offerId: IdSchema,
  reason: requiredText("Say why the offer is withdrawn", "The reason", 5_000),
});

/** Taking an accepted case back from its project. */
export const WithdrawReferralSchema = z.object({
  caseId: IdSchema,
  reason: requiredText("Say why the referral is withdrawn", "The reason", 5_000),
});

/** Marking one notification as read; `page` is the page of the list to go back to. */
export const MarkReadSchema = z.object({ id: IdSchema, page: z.string().optional() });

/** Marking all of them as read. */
export const MarkAllReadSchema = z.object({ page: z.string().optional() });
