import { z } from "zod";
import { BREACH_DECISIONS, BREACH_RISKS } from "~/db/schema/data-protection";
import { optionalText, requiredText } from "~/shared/text-fields";
import { fromLondonLocal } from "~/shared/uk-time";

/** A date and time typed in London time; optional ones may be left empty. */
const when = (label: string) =>
  z
    .string({ error: `Enter when ${label}` })
    .trim()
    .min(1, `Enter when ${label}`)
    .refine((v) => fromLondonLocal(v) !== null, "Enter a real date and time, like 2026-12-05 09:30")
    .transform((v) => fromLondonLocal(v) as Date)
    .refine((d) => d.getTime() <= Date.now() + 60_000, "The time cannot be in the future");

const optionalWhen = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !v || fromLondonLocal(v) !== null,
      `Enter a real date and time ${label}, like 2026-12-05 09:30`,
    )
    .transform((v) => (v ? (fromLondonLocal(v) as Date) : null))
    .refine((d) => !d || d.getTime() <= Date.now() + 60_000, "The time cannot be in the future");

/** Recording a breach as soon as it is known: what happened and when it was found. */
export const BreachSchema = z
  .object({
    title: requiredText("a short title", 200),
    whatHappened: requiredText("what happened", 10_000),
    discoveredAt: when("the breach was found"),
    occurredAt: optionalWhen("for when it happened"),
    dataAffected: optionalText("What data was affected", 5_000),
    peopleAffected: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || /^\d{1,7}$/.test(v), "Enter how many people as a whole number, like 12")
      .transform((v) => (v ? Number(v) : null)),
  })
  .refine((v) => !v.occurredAt || v.occurredAt <= v.discoveredAt, {
    path: ["occurredAt"],
    message: "It cannot have happened after it was found",
  });
export type BreachInput = z.output<typeof BreachSchema>;

/** The assessment and decision: how likely harm is, whether to report, who was told. */
export const BreachDecisionSchema = z.object({
  version: z.coerce.number().int(),
  risk: z.enum(BREACH_RISKS, { error: "Say how likely the breach is to harm people" }).optional(),
  decision: z.enum(BREACH_DECISIONS, { error: "Choose a decision" }),
  decisionReasons: optionalText("The reasons", 10_000),
  reportedToIcoAt: optionalWhen("for when the ICO was told"),
  icoReference: optionalText("The ICO's reference", 100),
  whoWasTold: optionalText("Who was told", 5_000),
  actionsTaken: optionalText("What was done", 10_000),
});
export type BreachDecisionInput = z.output<typeof BreachDecisionSchema>;

export const CloseBreachSchema = z.object({ version: z.coerce.number().int() });

export const RISK_LABELS: Record<(typeof BREACH_RISKS)[number], string> = {
  unlikely: "Unlikely to result in a risk to people",
  risk: "Likely to result in a risk to people",
  high: "Likely to result in a high risk to people",
};

export const DECISION_LABELS: Record<(typeof BREACH_DECISIONS)[number], string> = {
  undecided: "Not decided yet",
  report: "Report to the ICO",
  not_reported: "Not reported to the ICO",
};
