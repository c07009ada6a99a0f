import { z } from "zod";
import { isRealDate } from "~/shared/dates";
import { APPEAL_OUTCOMES, CONCLUSIONS, DECISIONS, REVIEW_BODIES, STAGE_STEPS } from "./steps";

const date = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .refine(isRealDate, "Enter a real date, for example 2026-03-14");
const optionalDate = z
  .string()
  .trim()
  .refine(isRealDate, "Enter a real date, for example 2026-03-14")
  .optional();
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it to ${max.toLocaleString("en-GB")} characters or fewer`);

/**
 * Recording a step of the case (the stages page's one form). Which fields a step needs is
 * checked here, so every missing one is reported with the others.
 */
export const RecordStageSchema = z
  .object({
    step: z.enum(STAGE_STEPS, { error: "Choose the step" }),
    occurredOn: date("Enter the date of the step"),
    note: text(5000).optional(),
    reviewManager: text(200).optional(),
    body: z.enum(REVIEW_BODIES).optional(),
    deadlineOn: optionalDate,
    decision: z.enum(DECISIONS).optional(),
    hearingOn: optionalDate,
    appealOutcome: z.enum(APPEAL_OUTCOMES).optional(),
    outcome: z.enum(CONCLUSIONS).optional(),
    outcomeReason: text(20000).optional(),
  })
  .superRefine((v, ctx) => {
    const need = (ok: unknown, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path: [path], message });
    };
    if (v.step === "under_review")
      need(v.reviewManager, "reviewManager", "Enter the name of the case review manager");
    if (v.step === "provisional_statement") need(v.body, "body", "Choose the CCRC or the SCCRC");
    if (v.step === "review_decided") need(v.decision, "decision", "Choose the decision");
    if (v.step === "appeal_hearing")
      need(v.hearingOn, "hearingOn", "Enter the date of the hearing");
    if (v.step === "appeal_outcome")
      need(v.appealOutcome, "appealOutcome", "Choose the outcome of the appeal");
    if (v.step === "concluded") {
      need(v.outcome, "outcome", "Choose what the project concludes");
      need(v.outcomeReason, "outcomeReason", "Give the reasons for the conclusion");
    }
    if (v.deadlineOn && v.deadlineOn < v.occurredOn)
      ctx.addIssue({
        code: "custom",
        path: ["deadlineOn"],
        message: "The deadline must be on or after the date of the step",
      });
  });

export type RecordStage = z.infer<typeof RecordStageSchema>;
