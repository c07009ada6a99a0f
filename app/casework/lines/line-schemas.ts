import { z } from "zod";
import type { caseLines } from "~/db/schema/referrals";
import { isId } from "~/shared/ids";

/** As in the schema; repeated here so the browser bundle does not pull in drizzle. */
export const LINE_STATUSES = ["not_started", "in_progress", "done", "abandoned"] as const;
export const LINE_RESULTS = ["supports_innocence", "supports_guilt", "inconclusive"] as const;
type Row = typeof caseLines.$inferSelect;
// Fails to compile if the schema's lists change without these.
const _statuses: readonly Row["status"][] = LINE_STATUSES;
const _results: readonly NonNullable<Row["result"]>[] = LINE_RESULTS;
void _statuses;
void _results;

export const LINE_STATUS_LABELS: Record<(typeof LINE_STATUSES)[number], string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
  abandoned: "Abandoned",
};

export const LINE_RESULT_LABELS: Record<(typeof LINE_RESULTS)[number], string> = {
  supports_innocence: "Supports innocence",
  supports_guilt: "Supports guilt",
  inconclusive: "Inconclusive",
};

/** A new line of investigation the project adds to the case. */
export const NewLineSchema = z.object({
  category: z.string({ error: "Choose the kind of line" }).trim().min(1, "Choose the kind of line"),
  description: z
    .string({ error: "Say what is to be investigated" })
    .trim()
    .min(1, "Say what is to be investigated")
    .max(2000, "Keep the description under 2,000 characters"),
  rationale: z.string().trim().max(4000, "Keep the reason under 4,000 characters").default(""),
});

/**
 * Working a line: owner, status, steps taken and the result with its reason. A result is
 * never recorded without the reason for it.
 */
export const EditLineSchema = z
  .object({
    version: z.coerce.number().int().min(1),
    ownerId: z.string().refine(isId, "Choose a member of the team").optional(),
    status: z.enum(LINE_STATUSES, { error: "Choose the status" }),
    steps: z.string().trim().max(20000, "Keep the steps under 20,000 characters").default(""),
    result: z.enum(LINE_RESULTS, { error: "Choose a result" }).optional(),
    resultReason: z.string().trim().max(8000, "Keep the reason under 8,000 characters").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.result && !value.resultReason)
      ctx.addIssue({
        code: "custom",
        path: ["resultReason"],
        message: "Say why the line has this result",
      });
  });

export type NewLine = z.infer<typeof NewLineSchema>;
export type EditLine = z.infer<typeof EditLineSchema>;
