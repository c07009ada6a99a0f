import { z } from "zod";
import { isRealDate } from "~/shared/dates";
import { normaliseSearchParams } from "~/shared/normalise-input";

const date = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .refine(isRealDate, `The ${label} must be a real date, like 2026-11-23`);

/**
 * The lead sending the annual case report. `periodFrom`, `periodTo` and `fingerprint` come from
 * the page the lead checked: if the file changed since, the report is not sent.
 */
export const SendReportSchema = z.object({
  periodFrom: date("start of the period"),
  periodTo: date("end of the period"),
  fingerprint: z
    .string({ error: "Reload the page and check the report again" })
    .regex(/^[0-9a-f]{64}$/, "Reload the page and check the report again"),
  comment: z
    .string()
    .trim()
    .max(10_000, "The comments must be 10,000 characters or fewer")
    .optional()
    .transform((v) => v ?? ""),
  checked: z.literal("on", { error: "Confirm that you have checked this report" }),
});
export type SendReportInput = z.output<typeof SendReportSchema>;

/** The period asked for in the page's address (`?from=…&to=…`); either may be left out. */
export const ReportPeriodQuerySchema = z.object({
  from: z.string().refine(isRealDate).optional().catch(undefined),
  to: z.string().refine(isRealDate).optional().catch(undefined),
});

/** The period asked for in a request's address, for the report page and its draft PDF. */
export function periodAsked(request: Request): z.output<typeof ReportPeriodQuerySchema> {
  const query = normaliseSearchParams(new URL(request.url).searchParams);
  return ReportPeriodQuerySchema.parse({
    from: query.get("from") ?? undefined,
    to: query.get("to") ?? undefined,
  });
}

/** Why a period asked for cannot be reported on, or null when it can. */
export function periodProblem(asked: { from?: string; to?: string }, today: string): string | null {
  if (asked.to && asked.to > today) return "The period cannot end after today.";
  if (asked.from && asked.from > (asked.to ?? today))
    return "The period must start on or before the day it ends.";
  return null;
}
