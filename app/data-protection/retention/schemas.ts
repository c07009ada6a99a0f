import { z } from "zod";
import { RECORD_CLASSES, RETENTION_ACTIONS } from "~/db/schema/data-protection";

export const ChangeRuleSchema = z.object({
  recordClass: z.enum(RECORD_CLASSES),
  version: z.coerce.number().int(),
  periodMonths: z.coerce
    .number({ message: "Enter the period in months, for example 72." })
    .int({ message: "Enter a whole number of months." })
    .min(1, { message: "Enter a period from 1 to 1,200 months." })
    .max(1200, { message: "Enter a period from 1 to 1,200 months." }),
  action: z.enum(RETENTION_ACTIONS, { message: "Choose what happens when the period ends." }),
  reason: z
    .string({ message: "Say why this period: it goes in the policy document." })
    .trim()
    .min(3, { message: "Say why this period: it goes in the policy document." })
    .max(2000),
});
export type ChangeRuleInput = z.output<typeof ChangeRuleSchema>;

export const StartDryRunSchema = z.object({});

export const ApproveSweepSchema = z.object({
  confirm: z.literal("yes", { message: "Confirm that the records listed may be erased." }),
});
