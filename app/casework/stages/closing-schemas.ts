import { z } from "zod";
import { CASE_OUTCOMES } from "~/db/schema/referrals";

/** What the lead confirms on the closing checklist, in the order the page shows it. */
export const CLOSING_CHECKS = ["lines", "papers", "documents", "letter"] as const;
export type ClosingCheck = (typeof CLOSING_CHECKS)[number];

/** How the closing page asks for each outcome. */
export const CLOSING_OUTCOME_LABELS: Record<(typeof CASE_OUTCOMES)[number], string> = {
  claim_supported: "Claim supported and an application made",
  claim_not_supported: "Claim not supported",
  inconclusive: "Inconclusive",
  handed_back: "Handed back",
  client_withdrew: "The client withdrew",
  client_died: "The client died",
};

const reasonText = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(20_000, "Keep it to 20,000 characters or fewer");

/** The lead closes the case: its outcome, the reasons, and every item of the checklist ticked. */
export const CloseCaseSchema = z.object({
  outcome: z.enum(CASE_OUTCOMES, { error: "Choose the outcome" }),
  reasons: reasonText("Give the reasons for closing the case"),
  confirmed: z
    .array(z.enum(CLOSING_CHECKS), { error: "Confirm each item of the checklist" })
    .refine((v) => CLOSING_CHECKS.every((c) => v.includes(c)), {
      message: "Confirm each item of the checklist",
    }),
});
export type CloseCase = z.infer<typeof CloseCaseSchema>;

/** The lead reopens a closed case, saying why. */
export const ReopenCaseSchema = z.object({
  reason: reasonText("Say why the case is reopened"),
});
export type ReopenCase = z.infer<typeof ReopenCaseSchema>;
